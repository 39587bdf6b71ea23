import { IsISO8601, IsInt, IsNotEmpty, IsObject, IsString, IsUUID, MaxLength, Min } from 'class-validator';

/**
 * The wire format of every integration event (DESIGN.md, Events). The payload in
 * `data` is validated separately against the contract registered for `type`.
 */
export class EventEnvelope<TData extends object = Record<string, unknown>> {
  @IsUUID()
  id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  type!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  source!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  aggregateId!: string;

  @IsInt()
  @Min(1)
  aggregateVersion!: number;

  @IsISO8601()
  occurredAt!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  correlationId!: string;

  @IsObject()
  data!: TData;
}
