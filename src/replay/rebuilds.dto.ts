import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { READ_MODEL_NAMES } from './read-model-names';

export class RebuildRequestDto {
  @ApiPropertyOptional({ type: [String], enum: READ_MODEL_NAMES, description: 'the read models to rebuild (default: every one)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(READ_MODEL_NAMES, { each: true, message: `each of $property must be one of ${READ_MODEL_NAMES.join(', ')}` })
  projections?: string[];
}
