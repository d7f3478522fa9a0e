import { Column, Entity, PrimaryColumn } from 'typeorm';

// Fixed one-minute windows per client and bucket, counted in PostgreSQL so that every
// instance behind a load balancer sees the same count.
@Entity('rate_limit_windows')
export class RateLimitWindow {
  @PrimaryColumn('text')
  bucket: string;

  @PrimaryColumn('timestamptz', { name: 'window_start' })
  windowStart: Date;

  @Column('integer')
  hits: number;
}
