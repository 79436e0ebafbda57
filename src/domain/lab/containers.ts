/**
 * The sample containers a lab uses, in the order a phlebotomist fills them (the order of draw:
 * culture bottles first, then citrate, plain, heparin, EDTA, fluoride), so labels and slips list
 * them in that order too. Containers are fixed: tubes are a physical standard, tests are not.
 */
export const CONTAINERS = ['BCB', 'CITR', 'PLAIN', 'HEP', 'EDTA', 'FLUOR', 'URINE', 'STER', 'STOOL', 'SWAB'] as const;
export type Container = (typeof CONTAINERS)[number];

/** What is put in the container. Two tests in the same kind of container but of different samples need two containers. */
export const SAMPLES = ['wholeBlood', 'serum', 'plasma', 'arterialBlood', 'urine', 'stool', 'sputum', 'csf', 'pus', 'swab', 'fluid'] as const;
export type Sample = (typeof SAMPLES)[number];

/** Sections of the lab; the catalogue and the requisition form group tests by them. */
export const SECTIONS = ['haematology', 'coagulation', 'biochemistry', 'hormones', 'serology', 'urine', 'microbiology'] as const;
export type Section = (typeof SECTIONS)[number];

/** Short English text printed on a label next to the tests: the colour is what people look for. */
export const CONTAINER_LABEL: Readonly<Record<Container, string>> = {
  BCB: 'Blood culture bottle',
  CITR: 'Citrate (blue)',
  PLAIN: 'Plain/clot (red)',
  HEP: 'Heparin (green)',
  EDTA: 'EDTA (lavender)',
  FLUOR: 'Fluoride (grey)',
  URINE: 'Urine container',
  STER: 'Sterile container',
  STOOL: 'Stool container',
  SWAB: 'Sterile swab',
};

export const containerRank = (c: Container) => CONTAINERS.indexOf(c);
