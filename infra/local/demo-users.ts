import type { Identity } from '../../shared/identity/identity.js';

/** Demo users of the embedded stack: every role, and two OPDs (education and tourism). */
export const DEMO_USERS: readonly Identity[] = [
  {
    sub: 'u-disdik-drafter',
    username: 'disdik.penyusun',
    name: 'Rina Wulandari',
    email: 'rina@disdik.example.go.id',
    role: 'opd_drafter',
    unit: 'DISDIK',
  },
  {
    sub: 'u-disdik-head',
    username: 'disdik.kepala',
    name: 'Dr. H. Tabrani',
    email: 'tabrani@disdik.example.go.id',
    role: 'opd_head',
    unit: 'DISDIK',
  },
  {
    sub: 'u-dispar-drafter',
    username: 'dispar.penyusun',
    name: 'Bayu Santoso',
    email: 'bayu@dispar.example.go.id',
    role: 'opd_drafter',
    unit: 'DISPAR',
  },
  {
    sub: 'u-dispar-head',
    username: 'dispar.kepala',
    name: 'Sinta Maharani',
    email: 'sinta@dispar.example.go.id',
    role: 'opd_head',
    unit: 'DISPAR',
  },
  {
    sub: 'u-biro-staff',
    username: 'biro.staf',
    name: 'Agus Prasetyo',
    email: 'agus@biro.example.go.id',
    role: 'biro_staff',
  },
  {
    sub: 'u-biro-head',
    username: 'biro.kepala',
    name: 'Dewi Lestari',
    email: 'dewi@biro.example.go.id',
    role: 'biro_head',
  },
  { sub: 'u-sekda', username: 'sekda', name: 'Ir. Sumarno', email: 'sekda@example.go.id', role: 'sekda' },
  {
    sub: 'u-kepala-daerah',
    username: 'gubernur',
    name: 'Hendra Wiratmaja',
    email: 'gubernur@example.go.id',
    role: 'kepala_daerah',
  },
  {
    sub: 'u-evaluator',
    username: 'evaluator',
    name: 'Nur Hidayah',
    email: 'evaluator@kemendagri.example.go.id',
    role: 'evaluator',
  },
  { sub: 'u-admin', username: 'admin', name: 'Admin Sistem', email: 'admin@example.go.id', role: 'admin' },
];
