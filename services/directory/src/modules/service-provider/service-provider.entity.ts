import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AgencyEntity } from '../agency/agency.entity';
import { CountyEntity } from '../county/county.entity';
import { ProviderType, ServiceType } from './service-provider.enums';

@Entity({ name: 'service_provider' })
export class ServiceProviderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'enum', enum: ProviderType, enumName: 'provider_type' })
  type: ProviderType;

  @Column({ name: 'county_code', type: 'char', length: 3 })
  countyCode: string;

  @ManyToOne(() => CountyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'county_code' })
  county?: CountyEntity;

  @Column({ name: 'sub_county', type: 'text', nullable: true })
  subCounty: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'open_24_hours', type: 'boolean', default: false })
  open24Hours: boolean;

  @Column({ type: 'enum', enum: ServiceType, enumName: 'service_type', array: true, default: '{}' })
  services: ServiceType[];

  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Column({ name: 'accepting_referrals', type: 'boolean', default: true })
  acceptingReferrals: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  @OneToMany(() => OpeningHoursEntity, (hours) => hours.provider, { cascade: true })
  openingHours?: OpeningHoursEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Written once by the create (migration 1765200000000), read only by a retry with the same key: not selected. */
  @Column({ name: 'created_by', type: 'text', nullable: true, select: false })
  createdBy?: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true, select: false })
  idempotencyKey?: string | null;

  @Column({ name: 'request_digest', type: 'text', nullable: true, select: false })
  requestDigest?: string | null;
}

/** One opening window on one weekday, in Kenyan time (EAT, UTC+3, no daylight saving). */
@Entity({ name: 'opening_hours' })
export class OpeningHoursEntity {
  @PrimaryColumn({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @ManyToOne(() => ServiceProviderEntity, (provider) => provider.openingHours, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provider_id' })
  provider?: ServiceProviderEntity;

  /** ISO weekday, Monday = 1. */
  @PrimaryColumn({ name: 'weekday', type: 'smallint' })
  weekday: number;

  @PrimaryColumn({ name: 'opens', type: 'time' })
  opens: string;

  @Column({ name: 'closes', type: 'time' })
  closes: string;
}
