import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { SLUG } from '../editions/edition.dto';
import { BIB } from '../registration/registration.dto';

/**
 * Route ids name streams and read-model keys, so they are checked like the same ids in a body: a bib
 * `2018-101` under edition `almaty` would otherwise name the stream of bib 101 in `almaty-2018`.
 */
/** Read models are keyed by ids: a name every object has would find a property, not an entry. */
const NOT_AN_OBJECT_PROPERTY = '(?!(?:constructor|toString|valueOf|hasOwnProperty|isPrototypeOf|propertyIsEnumerable|toLocaleString|__proto__)$)';

const ROUTE_IDS: Record<string, { pattern: RegExp; what: string }> = {
  editionId: { pattern: SLUG, what: 'a lowercase slug' },
  raceId: { pattern: SLUG, what: 'a lowercase slug' },
  bib: { pattern: BIB, what: '1 to 10 letters or digits' },
  readId: { pattern: new RegExp(`^${NOT_AN_OBJECT_PROPERTY}[^\\s]{1,100}$`), what: '1 to 100 characters without spaces' },
  awardId: { pattern: new RegExp(`^${NOT_AN_OBJECT_PROPERTY}[A-Za-z0-9_.:#-]{1,200}$`), what: 'an award id' },
};

@Injectable()
export class RouteParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const rule = metadata.type === 'param' && metadata.data ? ROUTE_IDS[metadata.data] : undefined;
    if (rule && (typeof value !== 'string' || !rule.pattern.test(value))) {
      throw new BadRequestException(`${metadata.data} in the path must be ${rule.what}`);
    }
    return value;
  }
}
