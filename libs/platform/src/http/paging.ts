import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FilterQuery, Model } from 'mongoose';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?limit&cursor`: ids are UUID v7, so `_id` order is creation order and the cursor is the last id seen. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export async function findPage<D extends { _id: string }, T>(
  model: Model<D>,
  filter: FilterQuery<D>,
  query: PageQuery,
  view: (doc: D) => T,
  { newestFirst = false }: { newestFirst?: boolean } = {},
): Promise<Page<T>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = newestFirst ? { $lt: query.cursor } : { $gt: query.cursor };
  const scoped = (query.cursor ? { $and: [filter, { _id: after }] } : filter) as FilterQuery<D>;
  const docs = (await model
    .find(scoped)
    .sort({ _id: newestFirst ? -1 : 1 })
    .limit(limit + 1)
    .lean()) as D[];
  const items = docs.slice(0, limit);
  return { items: items.map(view), nextCursor: docs.length > limit ? items[items.length - 1]._id : null };
}
