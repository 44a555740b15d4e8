import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { SiteController } from './site.controller';
import { SiteData } from './site-data';

/**
 * The public results site at `/`: HTML pages on the same query handlers and ResultsReader as the public
 * JSON reads (docs/site.md). Read-only, no token.
 */
@Module({
  imports: [ResultsModule],
  controllers: [SiteController],
  providers: [SiteData],
})
export class SiteModule {}
