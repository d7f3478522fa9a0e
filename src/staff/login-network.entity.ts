import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { User } from './user.entity';

// The client networks (IPv4 /24, IPv6 /48) a person has signed in from: a sign-in from one
// of them lifts an account-wide lock that strangers' guessing set off.
@Entity('login_networks')
export class LoginNetwork {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @PrimaryColumn('text')
  network: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_login_networks_user' })
  user: Relation<User>;

  @Column('timestamptz', { name: 'last_signed_in_at' })
  lastSignedInAt: Date;
}
