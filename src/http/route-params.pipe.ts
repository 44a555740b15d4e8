import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { NOT_AN_OBJECT_PROPERTY, SLUG } from '../editions/edition.dto';
import { BIB } from '../registration/registration.dto';
import { READ_ID, READ_ID_RULE } from '../timing/timing.dto';

/**
 * Route ids name streams and read-model keys, so they are checked like the same ids in a body: a bib
 * `2018-101` under edition `almaty` would otherwise name the stream of bib 101 in `almaty-2018`.
 */
const ROUTE_IDS: Record<string, { pattern: RegExp; what: string }> = {
  editionId: { pattern: SLUG, what: 'a lowercase slug' },
  raceId: { pattern: SLUG, what: 'a lowercase slug' },
  bib: { pattern: BIB, what: '1 to 10 letters or digits' },
  readId: { pattern: READ_ID, what: READ_ID_RULE },
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
