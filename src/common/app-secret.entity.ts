import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// Secrets the instances share (form-token signing key), made on first start and kept in
// PostgreSQL so that two instances sign and check alike.
@Entity('app_secrets')
export class AppSecret {
  @PrimaryColumn('text')
  name: string;

  @Column('bytea')
  value: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
