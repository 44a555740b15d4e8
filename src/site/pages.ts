import { CharityTotals } from '../charity/charity.projection';
import { EditionView, RaceView } from '../editions/editions.projection';
import { GenderRecord } from '../results/records';
import { ResultsPage } from '../results/results.queries';
import { ResultRow, SplitRow } from '../results/standings';
import { parseRaceTime } from '../time/instant';
import { html, Html, href, layout } from './html';
import { fill, Locale, LOCALES } from './i18n';
import { EditionHome, RaceState, RelayView, RunnerView } from './site-data';

/** Where each page lives: one stable, shareable URL per page. */
export const paths = {
  home: () => '/',
  edition: (e: string) => `/site/${e}`,
  race: (e: string, r: string) => `/site/${e}/races/${r}`,
  runner: (e: string, bib: string) => `/site/${e}/runners/${bib}`,
  certificate: (e: string, bib: string) => `/site/${e}/runners/${bib}/certificate.pdf`,
  records: (e: string) => `/site/${e}/records`,
  ekiden: (e: string) => `/site/${e}/ekiden`,
  charity: (e: string) => `/site/${e}/charity`,
};

export const PAGE_SIZE = 50;

export interface PageRequest {
  path: string;
  query: Record<string, string>;
}

const dash = '–';
const num = (l: Locale, value: number | null | undefined) => (value === null || value === undefined ? dash : l.number(value));
const raceStateLabel = (l: Locale, state: RaceState) =>
  state === 'closed' ? l.m.closed : state === 'running' ? l.m.running : l.m.notStartedRace;
const statusCell = (l: Locale, status: string) => html`<td data-col="status" class="status-${status}">${l.m.statusOf[status] ?? status}</td>`;
const paceText = (l: Locale, pace: string | null) => (pace ? `${pace} ${l.m.perKm}` : dash);
const pointLabel = (l: Locale, pointId: string, lap: number, laps: number) => (laps > 1 ? `${pointId} (${fill(l.m.lap, { lap })})` : pointId);
const fullName = (row: { firstName: string; lastName: string }) => `${row.firstName} ${row.lastName}`;

const editionCrumbs = (l: Locale, edition: EditionView) => [
  { label: l.m.home, href: paths.home() },
  { label: edition.name, href: paths.edition(edition.editionId) },
];

/** A table inside a region that scrolls sideways on a phone, reachable by keyboard. */
const scrollTable = (label: string, table: Html) => html`<div class="scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;

export const editionsPage = (l: Locale, req: PageRequest, editions: EditionView[]): string =>
  layout(l, {
    title: l.m.editions,
    ...req,
    body: html`<h1>${l.m.editions}</h1>
${
  editions.length === 0
    ? html`<p>${l.m.noEditions}</p>`
    : html`<ul>${editions.map(
        (e) => html`<li><a href="${paths.edition(e.editionId)}">${e.name}</a> <span class="muted">${l.date(e.date)}, ${e.city}</span></li>`,
      )}</ul>`
}`,
  });

export const editionPage = (l: Locale, req: PageRequest, home: EditionHome): string => {
  const { edition, races, statistics, charity } = home;
  const e = edition.editionId;
  const hasRelay = edition.races.some((race) => race.kind === 'relay');
  const raceLink = (race: RaceView) => (race.kind === 'relay' ? paths.ekiden(e) : paths.race(e, race.raceId));
  return layout(l, {
    title: edition.name,
    ...req,
    crumbs: [{ label: l.m.home, href: paths.home() }],
    body: html`<h1>${edition.name}</h1>
<p class="muted">${l.date(edition.date)}, ${edition.city}</p>
<nav aria-label="${edition.name}"><ul>
${races.map(({ race }) => html`<li><a href="${raceLink(race)}">${l.m.results}: ${race.name}</a></li>`)}
${hasRelay ? html`<li><a href="${paths.ekiden(e)}">${l.m.ekiden}</a></li>` : ''}
<li><a href="${paths.records(e)}">${l.m.records}</a></li>
<li><a href="${paths.charity(e)}">${l.m.charity}</a></li>
</ul></nav>
<h2 id="races">${l.m.races}</h2>
${scrollTable(
  l.m.races,
  html`<table aria-labelledby="races"><thead><tr><th scope="col">${l.m.race}</th><th scope="col" class="num">${l.m.distance}</th><th scope="col" class="num">${l.m.entrants}</th><th scope="col" class="num">${l.m.finishers}</th><th scope="col">${l.m.status}</th></tr></thead>
<tbody>${races.map(
    ({ race, state, entrants, finishers }) =>
      html`<tr><td><a href="${raceLink(race)}">${race.name}</a></td><td class="num">${l.km(race.distanceM)}</td><td class="num">${l.number(entrants)}</td><td class="num">${l.number(finishers)}</td><td data-race-state="${state}">${raceStateLabel(l, state)}</td></tr>`,
  )}</tbody></table>`,
)}
<h2>${l.m.statistics}</h2>
<dl class="facts"><dt>${l.m.entrants}</dt><dd>${l.number(statistics.entrants)}</dd><dt>${l.m.countries}</dt><dd>${l.number(statistics.countries)}</dd></dl>
<h2>${l.m.charity}</h2>
<p>${l.m.charityTotal}: <strong>${l.money(charity.total, charity.currency)}</strong> · <a href="${paths.charity(e)}">${l.m.charity}</a></p>`,
  });
};

export interface ResultsView {
  edition: EditionView;
  race: RaceView;
  page: ResultsPage;
  categories: string[];
  countries: string[];
  filter: { gender?: string; category?: string; country?: string; q?: string };
}

const select = (name: string, label: string, current: string | undefined, options: { value: string; label: string }[], all: string) =>
  html`<label>${label}<select name="${name}"><option value="">${all}</option>${options.map((o) =>
    o.value === current ? html`<option value="${o.value}" selected>${o.label}</option>` : html`<option value="${o.value}">${o.label}</option>`,
  )}</select></label>`;

const resultRow = (l: Locale, e: string, row: ResultRow & { recordsBroken?: string[] }) =>
  html`<tr data-bib="${row.bib}"><td data-col="place" class="num">${num(l, row.place)}</td><td class="num">${row.bib}</td><td class="name"><a href="${paths.runner(e, row.bib)}">${fullName(row)}</a>${row.recordsBroken?.length ? html` <strong>★</strong>` : ''}</td><td>${row.country}</td><td data-col="category">${row.category}${row.categoryPlace === null ? '' : ` (${l.number(row.categoryPlace)})`}</td><td data-col="gunTime" class="num">${l.time(row.gunTime)}</td><td data-col="netTime" class="num">${l.time(row.netTime)}</td><td data-col="pace" class="num hide-phone">${paceText(l, row.pace)}</td>${statusCell(l, row.status)}</tr>`;

export const resultsPage = (l: Locale, req: PageRequest, view: ResultsView): string => {
  const { edition, race, page, filter } = view;
  const e = edition.editionId;
  const path = paths.race(e, race.raceId);
  const pages = Math.max(1, Math.ceil(page.total / page.limit));
  const current = Math.floor(page.offset / page.limit) + 1;
  const pageLink = (n: number) => href(path, { ...filter, page: n > 1 ? n : undefined });
  const state: RaceState = race.closedAt ? 'closed' : race.guns.length > 0 ? 'running' : 'notStarted';
  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = Math.min(page.total, page.offset + page.rows.length);
  const heading = fill(l.m.resultsOf, { race: race.name });
  return layout(l, {
    title: `${heading} · ${edition.name}`,
    ...req,
    crumbs: editionCrumbs(l, edition),
    data: {
      live: {
        feed: `/editions/${e}/races/${race.raceId}/live`,
        locale: LOCALES[l.lang],
        perKm: l.m.perKm,
        status: l.m.statusOf,
        m: { on: l.m.liveOn, off: l.m.liveOff, updated: l.m.liveUpdated, more: l.m.liveMore, race: l.m.liveRace },
      },
    },
    body: html`<h1>${heading}</h1>
<p class="muted">${edition.name} · ${l.date(edition.date)} · ${l.km(race.distanceM)} · <span data-race-state="${state}">${raceStateLabel(l, state)}</span> · <a href="${paths.records(e)}">${l.m.records}</a></p>
<form class="filters" method="get" action="${path}" role="search" aria-label="${l.m.filter}">
${select('gender', l.m.gender, filter.gender, [{ value: 'M', label: l.m.men }, { value: 'F', label: l.m.women }], l.m.all)}
${select('category', l.m.category, filter.category, view.categories.map((c) => ({ value: c, label: c })), l.m.all)}
${select('country', l.m.country, filter.country, view.countries.map((c) => ({ value: c, label: c })), l.m.all)}
<label>${l.m.search}<input type="search" name="q" value="${filter.q ?? ''}" maxlength="100" autocomplete="off"></label>
<button type="submit">${l.m.filter}</button>
</form>
<div id="live-controls" class="live" hidden><input type="checkbox" id="live-toggle"${state === 'running' ? html` checked` : ''}><label for="live-toggle">${l.m.live}</label></div>
<p id="live-status" role="status" class="muted"></p>
<div id="results-region">
<p>${page.total === 0 ? l.m.noRows : fill(l.m.rowsShown, { from: l.number(from), to: l.number(to), total: l.number(page.total) })}</p>
${scrollTable(
  heading,
  html`<table><caption>${heading}</caption><thead><tr><th scope="col" class="num">${l.m.place}</th><th scope="col" class="num">${l.m.bib}</th><th scope="col">${l.m.name}</th><th scope="col">${l.m.country}</th><th scope="col">${l.m.category}</th><th scope="col" class="num">${l.m.gunTime}</th><th scope="col" class="num">${l.m.netTime}</th><th scope="col" class="num hide-phone">${l.m.pace}</th><th scope="col">${l.m.status}</th></tr></thead>
<tbody>${page.rows.map((row) => resultRow(l, e, row))}</tbody></table>`,
)}
<nav class="pager" aria-label="${l.m.pagination}"><ul>
<li>${current > 1 ? html`<a href="${pageLink(current - 1)}" rel="prev">${l.m.previous}</a>` : ''}</li>
<li><span aria-current="page">${fill(l.m.pageOf, { page: l.number(current), pages: l.number(pages) })}</span></li>
<li>${current < pages ? html`<a href="${pageLink(current + 1)}" rel="next">${l.m.next}</a>` : ''}</li>
</ul></nav>
</div>`,
  });
};

const formatPace = (ms: number, metres: number): string => {
  const seconds = Math.ceil(ms / metres);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/** Segment pace from the published segment time and the distance between its two points. */
const segmentPace = (l: Locale, split: SplitRow, splits: SplitRow[]): string => {
  if (!split.segmentTime) return dash;
  const from = split.segmentFrom ? splits.find((s) => s.pointId === split.segmentFrom!.pointId && s.lap === split.segmentFrom!.lap) : undefined;
  const metres = split.distanceM - (from?.distanceM ?? 0);
  return metres > 0 ? paceText(l, formatPace(parseRaceTime(split.segmentTime), metres)) : dash;
};

/** The events that changed a result, told in the public's words: the summary, never who or why. */
const CHANGE_TYPES = new Set([
  'TimeCorrected',
  'RunnerDetailsCorrected',
  'RunnerStatusDeclared',
  'RunnerStatusRescinded',
  'RunnerDisqualified',
  'DisqualificationRescinded',
  'ReadReviewed',
  'ReadReinterpreted',
]);

export const runnerPage = (l: Locale, req: PageRequest, view: RunnerView): string => {
  const { edition, race, card, placedCounts, projected } = view;
  const e = edition.editionId;
  const name = fullName(card);
  const tz = edition.timezone;
  const place = (value: number | null, total: number) =>
    value === null ? dash : html`${l.number(value)} <span class="muted">${fill(l.m.of, { total: l.number(total) })}</span>`;
  const changes = card.history.filter((item) => CHANGE_TYPES.has(item.type));
  const lastSeen =
    card.status === 'onCourse' && card.lastSeen
      ? html`<br><span class="muted">${fill(l.m.lastSeen, { point: pointLabel(l, card.lastSeen.pointId, card.lastSeen.lap, race.laps), time: l.clock(card.lastSeen.time, tz) })}</span>`
      : '';
  return layout(l, {
    title: `${name} · ${race.name}`,
    ...req,
    crumbs: [...editionCrumbs(l, edition), { label: race.name, href: paths.race(e, race.raceId) }],
    body: html`<h1>${name}</h1>
<dl class="facts">
<dt>${l.m.bib}</dt><dd>${card.bib}</dd>
<dt>${l.m.race}</dt><dd><a href="${paths.race(e, race.raceId)}">${race.name}</a></dd>
<dt>${l.m.category}</dt><dd>${card.category}</dd>
<dt>${l.m.country}</dt><dd>${card.country}</dd>
${card.club ? html`<dt>${l.m.club}</dt><dd>${card.club}</dd>` : ''}
<dt>${l.m.status}</dt><dd class="status-${card.status}" data-status="${card.status}">${l.m.statusOf[card.status] ?? card.status}${lastSeen}</dd>
<dt>${l.m.gunTime}</dt><dd>${l.time(card.gunTime)}</dd>
<dt>${l.m.netTime}</dt><dd>${l.time(card.netTime)}</dd>
<dt>${l.m.pace}</dt><dd>${paceText(l, card.pace)}</dd>
</dl>
<h2>${l.m.places}</h2>
<dl class="facts">
<dt>${l.m.overall}</dt><dd>${place(card.place, placedCounts.overall)}</dd>
<dt>${l.m.genderPlace}</dt><dd>${place(card.genderPlace, placedCounts.gender)}</dd>
<dt>${l.m.categoryPlace} ${card.category}</dt><dd>${place(card.categoryPlace, placedCounts.category)}</dd>
</dl>
${
  projected
    ? html`<h2>${l.m.projected}</h2><p><strong data-projected="${projected.time}">${projected.time}</strong></p><p class="muted">${
        projected.basis > 0
          ? fill(l.m.projectedNote, { point: pointLabel(l, projected.from.pointId, projected.from.lap, race.laps), count: l.number(projected.basis), low: projected.low, high: projected.high })
          : fill(l.m.projectedByPace, { point: pointLabel(l, projected.from.pointId, projected.from.lap, race.laps) })
      }</p>`
    : ''
}
${card.status === 'finished' ? html`<p><a class="cert" href="${paths.certificate(e, card.bib)}">${l.m.certificate}</a></p>` : ''}
<h2 id="splits">${l.m.splits}</h2>
${scrollTable(
  l.m.splits,
  html`<table aria-labelledby="splits"><thead><tr><th scope="col">${l.m.point}</th><th scope="col" class="num">${l.m.distance}</th><th scope="col" class="num">${l.m.timeOfDay}</th><th scope="col" class="num">${l.m.gunTime}</th><th scope="col" class="num">${l.m.netTime}</th><th scope="col" class="num">${l.m.segment}</th><th scope="col" class="num">${l.m.segmentRank}</th><th scope="col" class="num">${l.m.segmentPace}</th></tr></thead>
<tbody>${card.splits.map(
    (split) =>
      html`<tr><td>${pointLabel(l, split.pointId, split.lap, race.laps)}</td><td class="num">${l.km(split.distanceM)}</td><td class="num">${l.clock(split.time, tz)}</td><td class="num">${l.time(split.gunTime)}</td><td class="num">${l.time(split.netTime)}</td><td class="num">${l.time(split.segmentTime)}</td><td class="num">${num(l, split.segmentRank)}</td><td class="num">${segmentPace(l, split, card.splits)}</td></tr>`,
  )}</tbody></table>`,
)}
<h2>${l.m.corrections}</h2>
${
  changes.length === 0
    ? html`<p>${l.m.noCorrections}</p>`
    : html`<ul class="changes">${changes.map(
        (item) =>
          html`<li><time datetime="${item.recordedAt}">${l.date(item.recordedAt)} ${l.clock(item.recordedAt, tz)}</time>: <strong>${l.m.change[item.type] ?? item.type}</strong> (<span lang="en">${item.summary}</span>)</li>`,
      )}</ul>`
}`,
  });
};

const recordTable = (l: Locale, caption: string, records: GenderRecord[], editionNames: Map<string, string>) =>
  records.length === 0
    ? html`<p>${caption}: ${l.m.noRecords}</p>`
    : scrollTable(
        caption,
        html`<table><caption>${caption}</caption><thead><tr><th scope="col">${l.m.gender}</th><th scope="col" class="num">${l.m.time}</th><th scope="col">${l.m.holder}</th><th scope="col">${l.m.country}</th><th scope="col">${l.m.edition}</th><th scope="col">${l.m.previousRecord}</th></tr></thead>
<tbody>${records.map(
          (r) =>
            html`<tr><td>${r.gender === 'M' ? l.m.men : l.m.women}</td><td class="num">${r.time}${r.brokenInThisEdition ? html` <strong>(${l.m.brokenHere})</strong>` : ''}</td><td>${fullName(r)}</td><td>${r.country}</td><td>${editionNames.get(r.editionId) ?? r.editionId}</td><td>${r.previous ? `${r.previous.time} ${fullName(r.previous)}` : dash}</td></tr>`,
        )}</tbody></table>`,
      );

export const recordsPage = (
  l: Locale,
  req: PageRequest,
  view: { edition: EditionView; records: { race: RaceView; records: { eventRecords: GenderRecord[]; courseRecords: GenderRecord[] } }[] },
  editionNames: Map<string, string>,
): string =>
  layout(l, {
    title: `${l.m.records} · ${view.edition.name}`,
    ...req,
    crumbs: editionCrumbs(l, view.edition),
    body: html`<h1>${l.m.records}</h1>
${view.records.map(
  ({ race, records }) => html`<h2>${race.name}</h2>
${recordTable(l, `${l.m.eventRecords}: ${race.name}`, records.eventRecords, editionNames)}
${recordTable(l, `${l.m.courseRecords}: ${race.name}`, records.courseRecords, editionNames)}`,
)}`,
  });

export const ekidenPage = (l: Locale, req: PageRequest, view: { edition: EditionView; relays: RelayView[] }): string =>
  layout(l, {
    title: `${l.m.ekiden} · ${view.edition.name}`,
    ...req,
    crumbs: editionCrumbs(l, view.edition),
    body: html`<h1>${l.m.ekiden}</h1>
${view.relays.length === 0 ? html`<p>${l.m.noRelay}</p>` : ''}
${view.relays.map((relay) => {
  const legs = relay.race.legs ?? [];
  return html`<h2>${relay.race.name}</h2>
${scrollTable(
  relay.race.name,
  html`<table><caption>${relay.race.name}</caption><thead><tr><th scope="col" class="num">${l.m.place}</th><th scope="col" class="num">${l.m.bib}</th><th scope="col">${l.m.team}</th><th scope="col">${l.m.category}</th><th scope="col" class="num">${l.m.teamTime}</th><th scope="col">${l.m.status}</th>${legs.map((leg) => html`<th scope="col" class="num">${fill(l.m.leg, { leg: leg.leg })}</th>`)}</tr></thead>
<tbody>${relay.rows.map(
    (row) =>
      html`<tr><td class="num">${num(l, row.place)}</td><td class="num">${row.bib}</td><td class="name">${row.name}${row.organisation ? html` <span class="muted">${row.organisation}</span>` : ''}</td><td>${row.category}${row.categoryPlace === null ? '' : ` (${l.number(row.categoryPlace)})`}</td><td class="num">${l.time(row.teamTime)}</td>${statusCell(l, row.status)}${row.legs.map(
        (leg) => html`<td class="num">${l.time(leg.time)}${leg.rank === null ? '' : ` (${l.number(leg.rank)})`}<br><span class="muted">${leg.runner}</span></td>`,
      )}</tr>`,
  )}</tbody></table>`,
)}
<h3>${l.m.fastestLegs}</h3>
${scrollTable(
  `${l.m.fastestLegs}: ${relay.race.name}`,
  html`<table><caption>${l.m.fastestLegs}</caption><thead><tr><th scope="col">${l.m.legs}</th><th scope="col" class="num">${l.m.time}</th><th scope="col">${l.m.runner}</th><th scope="col">${l.m.team}</th></tr></thead>
<tbody>${relay.fastestLegs.map((leg) => html`<tr><td>${fill(l.m.leg, { leg: leg.leg })}</td><td class="num">${leg.time}</td><td>${leg.runner}</td><td>${leg.team} (${leg.bib})</td></tr>`)}</tbody></table>`,
)}`;
})}`,
  });

const moneyTable = (l: Locale, caption: string, first: string, entries: [string, number][], currency: string) =>
  entries.length === 0
    ? ''
    : html`<h2>${caption}</h2>${scrollTable(
        caption,
        html`<table><caption>${caption}</caption><thead><tr><th scope="col">${first}</th><th scope="col" class="num">${l.m.amount}</th></tr></thead><tbody>${entries.map(
          ([key, amount]) => html`<tr><td>${key}</td><td class="num">${l.money(amount, currency)}</td></tr>`,
        )}</tbody></table>`,
      )}`;

export const charityPage = (l: Locale, req: PageRequest, view: { edition: EditionView; totals: CharityTotals }): string => {
  const { edition, totals } = view;
  const money = (amount: number) => l.money(amount, totals.currency);
  const raceNames = new Map(edition.races.map((race) => [race.raceId, race.name]));
  return layout(l, {
    title: `${l.m.charity} · ${edition.name}`,
    ...req,
    crumbs: editionCrumbs(l, edition),
    body: html`<h1>${l.m.charity}</h1>
<p>${l.m.charityTotal}: <strong data-total="${totals.total}">${money(totals.total)}</strong></p>
<h2>${l.m.bySource}</h2>
<dl class="facts">
<dt>${l.m.entryFees}</dt><dd>${money(totals.bySource.entryFees)} <span class="muted">(${l.number(totals.entries)})</span></dd>
<dt>${l.m.donations}</dt><dd>${money(totals.bySource.donations)} <span class="muted">(${l.number(totals.donations)})</span></dd>
<dt>${l.m.allocated}</dt><dd>${money(totals.allocated)}</dd>
<dt>${l.m.unallocated}</dt><dd>${money(totals.unallocated)}</dd>
</dl>
${moneyTable(l, l.m.byRace, l.m.race, Object.entries(totals.byRace).map(([raceId, amount]) => [raceNames.get(raceId) ?? raceId, amount]), totals.currency)}
${
  Object.keys(totals.byCause).length === 0
    ? ''
    : html`<h2>${l.m.byCause}</h2>${scrollTable(
        l.m.byCause,
        html`<table><caption>${l.m.byCause}</caption><thead><tr><th scope="col">${l.m.byCause}</th><th scope="col" class="num">${l.m.donated}</th><th scope="col" class="num">${l.m.allocated}</th></tr></thead><tbody>${Object.entries(totals.byCause).map(
          ([cause, { donated, allocated }]) => html`<tr><td>${cause}</td><td class="num">${money(donated)}</td><td class="num">${money(allocated)}</td></tr>`,
        )}</tbody></table>`,
      )}`
}
${moneyTable(l, l.m.byCompany, l.m.byCompany, Object.entries(totals.byCompany), totals.currency)}`,
  });
};

export const notFoundPage = (l: Locale, req: PageRequest): string =>
  layout(l, {
    title: l.m.notFound,
    ...req,
    crumbs: [{ label: l.m.home, href: paths.home() }],
    body: html`<h1>${l.m.notFound}</h1><p>${l.m.notFoundText}</p>`,
  });

