import { Column, Entity, PrimaryColumn } from 'typeorm';

// Failed sign-ins per account (`account:<sha256 of the e-mail>`) and per client address
// (`ip:<address>`), kept in PostgreSQL so that every instance applies the same backoff.
@Entity('login_throttles')
export class LoginThrottle {
  @PrimaryColumn('text')
  key: string;

  @Column('integer')
  failures: number;

  @Column('timestamptz', { name: 'window_start' })
  windowStart: Date;

  @Column('timestamptz', { name: 'blocked_until', nullable: true })
  blockedUntil: Date | null;
}
