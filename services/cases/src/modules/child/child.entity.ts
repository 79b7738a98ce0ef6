import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Sex } from '../case/case.enums';

@Entity({ name: 'child' })
export class ChildEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null only once an erasure request was carried out (so are the other names). */
  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName: string | null;

  @Column({ name: 'middle_name', type: 'text', nullable: true })
  middleName: string | null;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName: string | null;

  /** ISO date (`YYYY-MM-DD`); the pg driver returns `date` columns as strings, which keeps them timezone-free. */
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ name: 'estimated_age_years', type: 'smallint', nullable: true })
  estimatedAgeYears: number | null;

  @Column({ name: 'age_estimated_on', type: 'date', nullable: true })
  ageEstimatedOn: string | null;

  @Column({ type: 'text' })
  sex: Sex;

  @Column({ name: 'county_code', type: 'char', length: 3 })
  countyCode: string;

  @Column({ name: 'sub_county', type: 'text', nullable: true })
  subCounty: string | null;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'text', nullable: true })
  school: string | null;

  @Column({ name: 'birth_certificate_number', type: 'text', nullable: true })
  birthCertificateNumber: string | null;

  @Column({ type: 'text', nullable: true })
  disability: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'caregiver' })
export class CaregiverEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  /** Order as the officer entered them: the first is the main contact. */
  @Column({ type: 'smallint' })
  position: number;

  /** Null, with the relationship and phone, once an erasure request was carried out. */
  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  relationship: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** Set when an update replaced this caregiver: kept for the record and its audit trail, not shown as current. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
