/**
 * The site's three languages. Every string a page shows comes from here; names, clubs and team names are
 * shown as registered, never translated. To add a language: add it to LANGUAGES and give it a catalog of
 * the same keys (the type makes a missing key a compile error).
 */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };
/** The locale numbers, dates and money are formatted in. */
export const LOCALES: Record<Lang, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

const en = {
  siteTitle: 'Race results',
  skip: 'Skip to content',
  language: 'Language',
  editions: 'Editions',
  noEditions: 'No edition has been published yet.',
  races: 'Races',
  race: 'Race',
  distance: 'Distance',
  entrants: 'Entrants',
  finishers: 'Finishers',
  status: 'Status',
  notStartedRace: 'not started',
  running: 'running',
  closed: 'closed',
  statistics: 'Statistics',
  countries: 'Countries',
  charity: 'Charity fund',
  charityTotal: 'Raised',
  results: 'Results',
  records: 'Records',
  ekiden: 'Ekiden',
  home: 'Home',
  place: 'Place',
  bib: 'Bib',
  name: 'Name',
  country: 'Country',
  category: 'Category',
  gender: 'Gender',
  club: 'Club',
  gunTime: 'Gun time',
  netTime: 'Net time',
  pace: 'Pace',
  perKm: '/km',
  all: 'All',
  men: 'Men',
  women: 'Women',
  search: 'Name or bib',
  filter: 'Show',
  resultsOf: 'Results: {race}',
  rowsShown: 'Rows {from}–{to} of {total}',
  noRows: 'No runner matches.',
  previous: 'Previous page',
  next: 'Next page',
  pageOf: 'Page {page} of {pages}',
  pagination: 'Pages',
  live: 'Live updates',
  liveOn: 'Live: rows update as reads arrive.',
  liveOff: 'Live updates are off.',
  liveUpdated: 'Updated: bib {bib}',
  liveMore: '{count} changes outside this page: reload to see them.',
  liveRace: 'The race changed (gun or close): reload to see every row.',
  runner: 'Runner',
  overall: 'Overall',
  genderPlace: 'Gender',
  categoryPlace: 'Category',
  places: 'Places',
  lastSeen: 'Last seen at {point} at {time}',
  splits: 'Splits',
  point: 'Point',
  lap: 'lap {lap}',
  timeOfDay: 'Time of day',
  segment: 'Segment',
  segmentRank: 'Segment rank',
  segmentPace: 'Segment pace',
  projected: 'Projected finish',
  projectedNote: 'From this runner’s time at {point} against the finishers who passed it ({count}); likely between {low} and {high}.',
  projectedByPace: 'From this runner’s pace so far (no finisher has passed {point} yet).',
  corrections: 'Changes to this result',
  noCorrections: 'No correction has changed this result.',
  certificate: 'Finisher certificate (PDF)',
  certificateTitle: 'Finisher certificate',
  certificateText: 'finished the {race}',
  of: 'of {total}',
  eventRecords: 'Event records',
  courseRecords: 'Course records',
  holder: 'Holder',
  time: 'Time',
  edition: 'Edition',
  brokenHere: 'broken in this edition',
  previousRecord: 'Previous record',
  noRecords: 'No records yet.',
  team: 'Team',
  teamTime: 'Team time',
  leg: 'Leg {leg}',
  legs: 'Legs',
  fastestLegs: 'Fastest legs',
  noRelay: 'This edition has no relay race.',
  bySource: 'By source',
  entryFees: 'Entry fees',
  donations: 'Donations',
  byRace: 'By race',
  byCause: 'By cause',
  byCompany: 'By company',
  donated: 'Donated',
  allocated: 'Allocated',
  unallocated: 'Not yet allocated',
  amount: 'Amount',
  notFound: 'Not found',
  notFoundText: 'There is no such page.',
  change: {
    TimeCorrected: 'Time corrected',
    RunnerDetailsCorrected: 'Details corrected',
    RunnerStatusDeclared: 'Status declared',
    RunnerStatusRescinded: 'Status withdrawn',
    RunnerDisqualified: 'Disqualified',
    DisqualificationRescinded: 'Disqualification withdrawn',
    ReadReviewed: 'Timing read reviewed',
    ReadReinterpreted: 'Timing read re-counted',
  } as Record<string, string>,
  statusOf: {
    finished: 'Finished',
    onCourse: 'On course',
    notStarted: 'Not started',
    DNF: 'Did not finish',
    DNS: 'Did not start',
    DSQ: 'Disqualified',
  } as Record<string, string>,
};

export type Messages = typeof en;

const ru: Messages = {
  siteTitle: 'Результаты забегов',
  skip: 'Перейти к содержанию',
  language: 'Язык',
  editions: 'Марафоны',
  noEditions: 'Пока ничего не опубликовано.',
  races: 'Дистанции',
  race: 'Дистанция',
  distance: 'Длина',
  entrants: 'Участники',
  finishers: 'Финишировали',
  status: 'Статус',
  notStartedRace: 'не начался',
  running: 'идёт',
  closed: 'завершён',
  statistics: 'Статистика',
  countries: 'Страны',
  charity: 'Благотворительный фонд',
  charityTotal: 'Собрано',
  results: 'Результаты',
  records: 'Рекорды',
  ekiden: 'Экиден',
  home: 'Главная',
  place: 'Место',
  bib: 'Номер',
  name: 'Имя',
  country: 'Страна',
  category: 'Категория',
  gender: 'Пол',
  club: 'Клуб',
  gunTime: 'Время (gun)',
  netTime: 'Чистое время',
  pace: 'Темп',
  perKm: 'мин/км',
  all: 'Все',
  men: 'Мужчины',
  women: 'Женщины',
  search: 'Имя или номер',
  filter: 'Показать',
  resultsOf: 'Результаты: {race}',
  rowsShown: 'Строки {from}–{to} из {total}',
  noRows: 'Никто не найден.',
  previous: 'Предыдущая страница',
  next: 'Следующая страница',
  pageOf: 'Страница {page} из {pages}',
  pagination: 'Страницы',
  live: 'Онлайн-обновление',
  liveOn: 'Онлайн: строки обновляются по мере отметок.',
  liveOff: 'Онлайн-обновление выключено.',
  liveUpdated: 'Обновлено: номер {bib}',
  liveMore: 'Изменений вне этой страницы: {count}. Обновите страницу.',
  liveRace: 'Изменился старт или финиш забега: обновите страницу.',
  runner: 'Участник',
  overall: 'Абсолют',
  genderPlace: 'Пол',
  categoryPlace: 'Категория',
  places: 'Места',
  lastSeen: 'Последняя отметка: {point} в {time}',
  splits: 'Отсечки',
  point: 'Точка',
  lap: 'круг {lap}',
  timeOfDay: 'Время суток',
  segment: 'Отрезок',
  segmentRank: 'Место на отрезке',
  segmentPace: 'Темп на отрезке',
  projected: 'Прогноз финиша',
  projectedNote: 'По времени на точке {point} в сравнении с финишировавшими ({count}); вероятно от {low} до {high}.',
  projectedByPace: 'По текущему темпу (на точке {point} ещё нет финишировавших).',
  corrections: 'Изменения результата',
  noCorrections: 'Результат не исправлялся.',
  certificate: 'Сертификат финишёра (PDF)',
  certificateTitle: 'Сертификат финишёра',
  certificateText: 'финишировал(а): {race}',
  of: 'из {total}',
  eventRecords: 'Рекорды соревнования',
  courseRecords: 'Рекорды трассы',
  holder: 'Рекордсмен',
  time: 'Время',
  edition: 'Марафон',
  brokenHere: 'побит в этом году',
  previousRecord: 'Прежний рекорд',
  noRecords: 'Рекордов пока нет.',
  team: 'Команда',
  teamTime: 'Время команды',
  leg: 'Этап {leg}',
  legs: 'Этапы',
  fastestLegs: 'Лучшие этапы',
  noRelay: 'В этом марафоне нет эстафеты.',
  bySource: 'По источникам',
  entryFees: 'Стартовые взносы',
  donations: 'Пожертвования',
  byRace: 'По дистанциям',
  byCause: 'По целям',
  byCompany: 'По компаниям',
  donated: 'Пожертвовано',
  allocated: 'Распределено',
  unallocated: 'Ещё не распределено',
  amount: 'Сумма',
  notFound: 'Не найдено',
  notFoundText: 'Такой страницы нет.',
  change: {
    TimeCorrected: 'Время исправлено',
    RunnerDetailsCorrected: 'Данные исправлены',
    RunnerStatusDeclared: 'Статус объявлен',
    RunnerStatusRescinded: 'Статус отменён',
    RunnerDisqualified: 'Дисквалификация',
    DisqualificationRescinded: 'Дисквалификация отменена',
    ReadReviewed: 'Отметка проверена',
    ReadReinterpreted: 'Отметка пересчитана',
  },
  statusOf: {
    finished: 'Финишировал',
    onCourse: 'На трассе',
    notStarted: 'Не стартовал',
    DNF: 'Сошёл',
    DNS: 'Не вышел на старт',
    DSQ: 'Дисквалифицирован',
  },
};

const kk: Messages = {
  siteTitle: 'Жарыс нәтижелері',
  skip: 'Мазмұнға өту',
  language: 'Тіл',
  editions: 'Марафондар',
  noEditions: 'Әзірге ештеңе жарияланған жоқ.',
  races: 'Қашықтықтар',
  race: 'Қашықтық',
  distance: 'Ұзындығы',
  entrants: 'Қатысушылар',
  finishers: 'Мәреге жеткендер',
  status: 'Күйі',
  notStartedRace: 'басталған жоқ',
  running: 'жүріп жатыр',
  closed: 'аяқталды',
  statistics: 'Статистика',
  countries: 'Елдер',
  charity: 'Қайырымдылық қоры',
  charityTotal: 'Жиналды',
  results: 'Нәтижелер',
  records: 'Рекордтар',
  ekiden: 'Экиден',
  home: 'Басты бет',
  place: 'Орын',
  bib: 'Нөмір',
  name: 'Аты-жөні',
  country: 'Ел',
  category: 'Санат',
  gender: 'Жынысы',
  club: 'Клуб',
  gunTime: 'Уақыт (gun)',
  netTime: 'Таза уақыт',
  pace: 'Қарқын',
  perKm: 'мин/км',
  all: 'Барлығы',
  men: 'Ерлер',
  women: 'Әйелдер',
  search: 'Аты немесе нөмірі',
  filter: 'Көрсету',
  resultsOf: 'Нәтижелер: {race}',
  rowsShown: '{total} ішінен {from}–{to} жолдар',
  noRows: 'Ешкім табылмады.',
  previous: 'Алдыңғы бет',
  next: 'Келесі бет',
  pageOf: '{pages} беттің {page}-беті',
  pagination: 'Беттер',
  live: 'Тікелей жаңарту',
  liveOn: 'Тікелей: жолдар белгілер түскен сайын жаңарады.',
  liveOff: 'Тікелей жаңарту өшірулі.',
  liveUpdated: 'Жаңартылды: нөмір {bib}',
  liveMore: 'Бұл беттен тыс өзгерістер: {count}. Бетті жаңартыңыз.',
  liveRace: 'Жарыстың басталуы не аяқталуы өзгерді: бетті жаңартыңыз.',
  runner: 'Қатысушы',
  overall: 'Жалпы',
  genderPlace: 'Жынысы бойынша',
  categoryPlace: 'Санаты бойынша',
  places: 'Орындар',
  lastSeen: 'Соңғы белгі: {point}, {time}',
  splits: 'Аралық уақыттар',
  point: 'Нүкте',
  lap: '{lap}-айналым',
  timeOfDay: 'Тәулік уақыты',
  segment: 'Бөлік',
  segmentRank: 'Бөліктегі орны',
  segmentPace: 'Бөліктегі қарқын',
  projected: 'Болжамды мәре',
  projectedNote: '{point} нүктесіндегі уақыты мен оны өткен мәреге жеткендер ({count}) бойынша; шамамен {low} мен {high} аралығында.',
  projectedByPace: 'Осы уақытқа дейінгі қарқыны бойынша ({point} нүктесінен әлі ешкім мәреге жеткен жоқ).',
  corrections: 'Нәтиженің өзгерістері',
  noCorrections: 'Нәтиже түзетілген жоқ.',
  certificate: 'Мәреге жеткені туралы сертификат (PDF)',
  certificateTitle: 'Мәреге жеткені туралы сертификат',
  certificateText: 'мәреге жетті: {race}',
  of: '{total} ішінен',
  eventRecords: 'Жарыс рекордтары',
  courseRecords: 'Трасса рекордтары',
  holder: 'Рекордсмен',
  time: 'Уақыт',
  edition: 'Марафон',
  brokenHere: 'биыл жаңартылды',
  previousRecord: 'Бұрынғы рекорд',
  noRecords: 'Әзірге рекорд жоқ.',
  team: 'Команда',
  teamTime: 'Команда уақыты',
  leg: '{leg}-кезең',
  legs: 'Кезеңдер',
  fastestLegs: 'Ең жылдам кезеңдер',
  noRelay: 'Бұл марафонда эстафета жоқ.',
  bySource: 'Көздері бойынша',
  entryFees: 'Қатысу жарналары',
  donations: 'Қайырымдылықтар',
  byRace: 'Қашықтықтар бойынша',
  byCause: 'Мақсаттар бойынша',
  byCompany: 'Компаниялар бойынша',
  donated: 'Берілді',
  allocated: 'Бөлінді',
  unallocated: 'Әлі бөлінбеген',
  amount: 'Сома',
  notFound: 'Табылмады',
  notFoundText: 'Мұндай бет жоқ.',
  change: {
    TimeCorrected: 'Уақыт түзетілді',
    RunnerDetailsCorrected: 'Деректер түзетілді',
    RunnerStatusDeclared: 'Күйі жарияланды',
    RunnerStatusRescinded: 'Күйі жойылды',
    RunnerDisqualified: 'Дисквалификация',
    DisqualificationRescinded: 'Дисквалификация жойылды',
    ReadReviewed: 'Белгі тексерілді',
    ReadReinterpreted: 'Белгі қайта есептелді',
  },
  statusOf: {
    finished: 'Мәреге жетті',
    onCourse: 'Трассада',
    notStarted: 'Старт алған жоқ',
    DNF: 'Мәреге жетпеді',
    DNS: 'Стартқа шықпады',
    DSQ: 'Дисквалификацияланды',
  },
};

const CATALOGS: Record<Lang, Messages> = { kk, ru, en };

export const isLang = (value: unknown): value is Lang => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** `{name}` placeholders filled in; a value is inserted as given (escape it when it goes into HTML). */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

/** What a page needs to speak the reader's language: the messages and the locale's formatters. */
export interface Locale {
  lang: Lang;
  m: Messages;
  number: (value: number) => string;
  money: (amount: number, currency: string) => string;
  date: (isoDate: string) => string;
  /** An instant as the local time of day in the edition's time zone. */
  clock: (instant: string, timeZone: string) => string;
  km: (metres: number) => string;
  /** A published H:MM:SS or M:SS; the digits are the same in all three languages, so it is shown as published. */
  time: (text: string | null) => string;
}

const cache = new Map<Lang, Locale>();

export const localeOf = (lang: Lang): Locale => {
  const known = cache.get(lang);
  if (known) return known;
  const tag = LOCALES[lang];
  const integer = new Intl.NumberFormat(tag);
  const kmFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 3 });
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
  const clocks = new Map<string, Intl.DateTimeFormat>();
  const locale: Locale = {
    lang,
    m: CATALOGS[lang],
    number: (value) => integer.format(value),
    money: (amount, currency) => new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount),
    date: (isoDate) => dateFormat.format(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`)),
    clock: (instant, timeZone) => {
      let format = clocks.get(timeZone);
      if (!format) {
        format = new Intl.DateTimeFormat(tag, { timeStyle: 'medium', timeZone, hourCycle: 'h23' });
        clocks.set(timeZone, format);
      }
      return format.format(new Date(instant));
    },
    km: (metres) => `${kmFormat.format(metres / 1000)} ${lang === 'en' ? 'km' : 'км'}`,
    time: (text) => text ?? '–',
  };
  cache.set(lang, locale);
  return locale;
};

/**
 * The reader's language: `?lang=` (which the site then remembers in a cookie), else the cookie, else the
 * browser's Accept-Language, else Russian, which most of Almaty's public reads.
 */
export const chooseLang = (query: unknown, cookieHeader: string | undefined, acceptLanguage: string | undefined): { lang: Lang; remember: boolean } => {
  if (isLang(query)) return { lang: query, remember: true };
  const cookie = /(?:^|;\s*)lang=([a-z]{2})/.exec(cookieHeader ?? '')?.[1];
  if (isLang(cookie)) return { lang: cookie, remember: false };
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLang(tag)) return { lang: tag, remember: false };
  }
  return { lang: 'ru', remember: false };
};
