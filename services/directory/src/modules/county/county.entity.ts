import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'county' })
export class CountyEntity {
  @PrimaryColumn({ type: 'char', length: 3 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  region: string;
}
