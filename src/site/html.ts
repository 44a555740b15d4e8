import { fill, LANGUAGE_NAMES, LANGUAGES, Locale } from './i18n';

/** HTML that is already safe: only `html` templates and `raw` make one. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

type Part = Html | string | number | null | undefined | false | Part[];

const render = (part: Part): string => {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
};

/** A template whose every interpolated value is escaped unless it is Html already. */
export const html = (strings: TemplateStringsArray, ...values: Part[]): Html => {
  let out = strings[0]!;
  values.forEach((value, index) => (out += render(value) + strings[index + 1]!));
  return new Html(out);
};

export const raw = (text: string): Html => new Html(text);

/** A translated message with its placeholders filled by escaped values. */
export const t = (template: string, values: Record<string, string | number> = {}): Html =>
  raw(fill(escapeHtml(template), Object.fromEntries(Object.entries(values).map(([key, value]) => [key, escapeHtml(String(value))]))));

/** A URL path with query parameters, leaving out the empty ones. */
export const href = (path: string, query: Record<string, string | number | undefined> = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

export interface PageFrame {
  title: string;
  /** The current path and query without `lang`, for the language switcher. */
  path: string;
  query: Record<string, string>;
  /** Breadcrumbs from the home page to this one's parent. */
  crumbs?: { label: string; href: string }[];
  body: Html;
  /** Data the enhancing script reads (JSON, never executed). */
  data?: unknown;
}

/** `</script>` or `<!--` inside JSON would end the script element early. */
const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export const layout = (l: Locale, frame: PageFrame): string => {
  const switcher = LANGUAGES.map((lang) => {
    const label = LANGUAGE_NAMES[lang];
    const link = href(frame.path, { ...frame.query, lang });
    return lang === l.lang
      ? html`<li><a href="${link}" lang="${lang}" hreflang="${lang}" aria-current="true">${label}</a></li>`
      : html`<li><a href="${link}" lang="${lang}" hreflang="${lang}">${label}</a></li>`;
  });
  const crumbs = frame.crumbs?.length
    ? html`<nav aria-label="breadcrumb" class="crumbs"><ol>${frame.crumbs.map((c) => html`<li><a href="${c.href}">${c.label}</a></li>`)}</ol></nav>`
    : '';
  return `<!doctype html>${html`<html lang="${l.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · ${l.m.siteTitle}</title>
<link rel="stylesheet" href="/assets/site.css">
<script src="/assets/site.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${l.m.skip}</a>
<header class="top">
<a class="brand" href="/">${l.m.siteTitle}</a>
<nav aria-label="${l.m.language}" class="langs"><ul>${switcher}</ul></nav>
</header>
${crumbs}
<main id="main" tabindex="-1">
${frame.body}
</main>
${frame.data === undefined ? '' : raw(`<script type="application/json" id="site-data">${jsonForScript(frame.data)}</script>`)}
</body>
</html>`}`;
};
