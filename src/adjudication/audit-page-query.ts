import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AuditQueryDto } from './adjudication.dto';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from './audit-trail';

/** The audit trail's filters and its page: `limit` entries after the log position `after`. */
export class AuditPageQueryDto extends AuditQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE_MAX, default: AUDIT_PAGE_DEFAULT, description: 'entries per page (JSON; a CSV export holds every page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, description: "a log position: the entries after it; pass the previous page's `next`" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}
