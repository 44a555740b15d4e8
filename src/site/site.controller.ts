import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { gzipSync } from 'node:zlib';
import { NotFoundError } from '../decider/domain-errors';
import { ResultsFilter } from '../results/results-filter';
import { SITE_CSS, SITE_JS } from './assets';
import { certificatePdf } from './certificate';
import { chooseLang, Locale, localeOf } from './i18n';
import { charityPage, editionPage, editionsPage, ekidenPage, notFoundPage, PAGE_SIZE, PageRequest, recordsPage, resultsPage, runnerPage } from './pages';
import { SiteData } from './site-data';

const ONE_YEAR_S = 365 * 24 * 3600;

/** Query values as single strings: `?a=1&a=2` or `?a[b]=1` is not a filter a form sends. */
const stringsOf = (query: Request['query']): Record<string, string> =>
  Object.fromEntries(Object.entries(query).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])));

/** A filter the site does not offer is left out, not refused: a hand-edited link still shows results. */
const filterOf = (query: Record<string, string>): ResultsFilter & Record<string, string> => ({
  ...(query.gender === 'M' || query.gender === 'F' ? { gender: query.gender } : {}),
  ...(query.category && /^[MF](OPEN|U\d{1,2}|\d{2,3})$/i.test(query.category) ? { category: query.category.toUpperCase() } : {}),
  ...(query.country && /^[A-Za-z]{3}$/.test(query.country) ? { country: query.country.toUpperCase() } : {}),
  ...(query.q && query.q.trim() !== '' ? { q: query.q.trim().slice(0, 100) } : {}),
});

/**
 * The public results site: server-rendered HTML on the same queries as the public JSON reads, usable
 * without JavaScript. `?lang=` picks the language and a cookie remembers it.
 */
@ApiExcludeController()
@Controller()
export class SiteController {
  constructor(private readonly data: SiteData) {}

  private context(request: Request, response: Response): { l: Locale; req: PageRequest } {
    const query = stringsOf(request.query);
    const { lang, remember } = chooseLang(query.lang, request.headers.cookie, request.headers['accept-language']);
    if (remember) response.setHeader('Set-Cookie', `lang=${lang}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`);
    const { lang: _chosen, ...rest } = query;
    return { l: localeOf(lang), req: { path: request.path, query: rest } };
  }

  /** Compressed when the browser takes gzip: a results page of 50 rows stays far under 100 KB on a phone. */
  private send(request: Request, response: Response, body: string | Buffer, type: string, status = 200, cache = 'no-cache'): void {
    response.status(status);
    response.setHeader('Content-Type', type);
    response.setHeader('Cache-Control', cache);
    response.setHeader('Vary', 'Accept-Encoding, Cookie, Accept-Language');
    const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (buffer.length > 1024 && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      response.setHeader('Content-Encoding', 'gzip');
      response.end(gzipSync(buffer));
      return;
    }
    response.end(buffer);
  }

  /** Renders a page; an unknown edition, race or bib is the site's own 404 page, in the reader's language. */
  private async page(request: Request, response: Response, render: (l: Locale, req: PageRequest) => Promise<string>): Promise<void> {
    const { l, req } = this.context(request, response);
    try {
      this.send(request, response, await render(l, req), 'text/html; charset=utf-8');
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.send(request, response, notFoundPage(l, req), 'text/html; charset=utf-8', 404);
    }
  }

  @Get()
  home(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, async (l, req) => editionsPage(l, req, await this.data.editions()));
  }

  @Get('assets/site.css')
  css(@Req() request: Request, @Res() response: Response): void {
    this.send(request, response, SITE_CSS, 'text/css; charset=utf-8', 200, 'public, max-age=3600');
  }

  @Get('assets/site.js')
  js(@Req() request: Request, @Res() response: Response): void {
    this.send(request, response, SITE_JS, 'text/javascript; charset=utf-8', 200, 'public, max-age=3600');
  }

  @Get('site/:editionId')
  edition(@Param('editionId') editionId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, async (l, req) => editionPage(l, req, await this.data.home(editionId)));
  }

  @Get('site/:editionId/races/:raceId')
  results(@Param('editionId') editionId: string, @Param('raceId') raceId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, async (l, req) => {
      const filter = filterOf(req.query);
      const requested = Number.parseInt(req.query.page ?? '1', 10);
      const page = Number.isSafeInteger(requested) && requested > 0 ? Math.min(requested, 100_000) : 1;
      const view = await this.data.results(editionId, raceId, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      return resultsPage(l, req, { ...view, filter });
    });
  }

  @Get('site/:editionId/runners/:bib')
  runner(@Param('editionId') editionId: string, @Param('bib') bib: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, async (l, req) => runnerPage(l, req, await this.data.runnerPage(editionId, bib)));
  }

  @Get('site/:editionId/runners/:bib/certificate.pdf')
  async certificate(@Param('editionId') editionId: string, @Param('bib') bib: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const { l, req } = this.context(request, response);
    try {
      const view = await this.data.runnerPage(editionId, bib);
      if (view.card.status !== 'finished') throw new NotFoundError(`bib ${bib} has not finished`);
      const pdf = await certificatePdf(l, view);
      response.setHeader('Content-Disposition', `inline; filename="${editionId}-${bib}-certificate.pdf"`);
      this.send(request, response, pdf, 'application/pdf');
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.send(request, response, notFoundPage(l, req), 'text/html; charset=utf-8', 404);
    }
  }

  @Get('site/:editionId/records')
  records(@Param('editionId') editionId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, async (l, req) => {
      const names = new Map((await this.data.editions()).map((e) => [e.editionId, e.name]));
      return recordsPage(l, req, await this.data.records(editionId), names);
    });
  }

  @Get('site/:editionId/ekiden')
  ekiden(@Param('editionId') editionId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, async (l, req) => ekidenPage(l, req, await this.data.ekiden(editionId)));
  }

  @Get('site/:editionId/charity')
  charity(@Param('editionId') editionId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, async (l, req) => charityPage(l, req, await this.data.charity(editionId)));
  }
}
