import PDFDocument from 'pdfkit';
import { dirname, join } from 'node:path';
import { fill, Locale } from './i18n';
import { RunnerView } from './site-data';

/** DejaVu covers Latin, Cyrillic and the Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і); PDF's built-in fonts do not. */
const fontDir = () => join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * A finisher's certificate: one A4 landscape page with the name as registered, the race, the edition and
 * its date, gun and net time and the places, in the reader's language.
 */
export const certificatePdf = (l: Locale, view: RunnerView): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const { edition, race, card, placedCounts } = view;
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 56,
      info: { Title: `${l.m.certificateTitle}: ${card.firstName} ${card.lastName}`, Subject: `${edition.name}, ${race.name}`, Author: edition.name },
      lang: l.lang,
    } as PDFKit.PDFDocumentOptions);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.registerFont('regular', join(fontDir(), 'DejaVuSans.ttf'));
    doc.registerFont('bold', join(fontDir(), 'DejaVuSans-Bold.ttf'));
    const width = doc.page.width - 112;
    const { height } = doc.page;
    doc.lineWidth(3).strokeColor('#0b3d6b').rect(28, 28, doc.page.width - 56, height - 56).stroke();
    doc.moveDown(1.5);
    doc.font('bold').fontSize(30).fillColor('#0b3d6b').text(l.m.certificateTitle, { align: 'center', width });
    doc.moveDown(0.4);
    doc.font('regular').fontSize(16).fillColor('#333').text(`${edition.name} · ${l.date(edition.date)} · ${edition.city}`, { align: 'center', width });
    doc.moveDown(1.2);
    doc.font('bold').fontSize(34).fillColor('#000').text(`${card.firstName} ${card.lastName}`, { align: 'center', width });
    doc.moveDown(0.3);
    doc.font('regular').fontSize(16).text(`${l.m.bib} ${card.bib} · ${card.country}${card.club ? ` · ${card.club}` : ''}`, { align: 'center', width });
    doc.moveDown(0.6);
    doc.fontSize(20).text(fill(l.m.certificateText, { race: `${race.name} (${l.km(race.distanceM)})` }), { align: 'center', width });
    doc.moveDown(1);
    doc.font('bold').fontSize(28).text(`${l.m.gunTime}: ${card.gunTime ?? '–'}    ${l.m.netTime}: ${card.netTime ?? '–'}`, { align: 'center', width });
    doc.moveDown(0.8);
    const place = (value: number | null, total: number) => (value === null ? '–' : `${l.number(value)} ${fill(l.m.of, { total: l.number(total) })}`);
    doc
      .font('regular')
      .fontSize(16)
      .text(
        `${l.m.overall}: ${place(card.place, placedCounts.overall)}   ·   ${l.m.genderPlace}: ${place(card.genderPlace, placedCounts.gender)}   ·   ${l.m.categoryPlace} ${card.category}: ${place(card.categoryPlace, placedCounts.category)}`,
        { align: 'center', width },
      );
    doc.end();
  });
