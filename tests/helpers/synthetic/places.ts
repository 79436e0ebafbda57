/** Localities patients of a Delhi tertiary hospital come from, weighted by how many do. */
export interface Place {
  locality: string;
  district: string;
  state: string;
  pin: string;
  weight: number;
}

const DELHI = 'Delhi';
const UP = 'Uttar Pradesh';
const HR = 'Haryana';
const BR = 'Bihar';
const RJ = 'Rajasthan';

export const PLACES: readonly Place[] = [
  { locality: 'Lajpat Nagar', district: 'South East Delhi', state: DELHI, pin: '110024', weight: 4 },
  { locality: 'Malviya Nagar', district: 'South Delhi', state: DELHI, pin: '110017', weight: 4 },
  { locality: 'Sangam Vihar', district: 'South Delhi', state: DELHI, pin: '110080', weight: 6 },
  { locality: 'Kalkaji', district: 'South East Delhi', state: DELHI, pin: '110019', weight: 3 },
  { locality: 'Jamia Nagar, Okhla', district: 'South East Delhi', state: DELHI, pin: '110025', weight: 4 },
  { locality: 'Badarpur', district: 'South East Delhi', state: DELHI, pin: '110044', weight: 3 },
  { locality: 'Madanpur Khadar', district: 'South East Delhi', state: DELHI, pin: '110076', weight: 3 },
  { locality: 'Mehrauli', district: 'South Delhi', state: DELHI, pin: '110030', weight: 3 },
  { locality: 'R K Puram', district: 'New Delhi', state: DELHI, pin: '110022', weight: 2 },
  { locality: 'Sarojini Nagar', district: 'New Delhi', state: DELHI, pin: '110023', weight: 2 },
  { locality: 'Munirka', district: 'South West Delhi', state: DELHI, pin: '110067', weight: 2 },
  { locality: 'Dwarka Sector 10', district: 'South West Delhi', state: DELHI, pin: '110075', weight: 2 },
  { locality: 'Janakpuri', district: 'West Delhi', state: DELHI, pin: '110058', weight: 2 },
  { locality: 'Uttam Nagar', district: 'West Delhi', state: DELHI, pin: '110059', weight: 3 },
  { locality: 'Karol Bagh', district: 'Central Delhi', state: DELHI, pin: '110005', weight: 2 },
  { locality: 'Paharganj', district: 'Central Delhi', state: DELHI, pin: '110055', weight: 2 },
  { locality: 'Laxmi Nagar', district: 'East Delhi', state: DELHI, pin: '110092', weight: 3 },
  { locality: 'Mayur Vihar Phase 1', district: 'East Delhi', state: DELHI, pin: '110091', weight: 2 },
  { locality: 'Shahdara', district: 'Shahdara', state: DELHI, pin: '110032', weight: 2 },
  { locality: 'Seelampur', district: 'North East Delhi', state: DELHI, pin: '110053', weight: 3 },
  { locality: 'Burari', district: 'Central Delhi', state: DELHI, pin: '110084', weight: 2 },
  { locality: 'Mangolpuri', district: 'North West Delhi', state: DELHI, pin: '110083', weight: 2 },
  { locality: 'Rohini Sector 7', district: 'North West Delhi', state: DELHI, pin: '110085', weight: 2 },
  { locality: 'Sector 15, Noida', district: 'Gautam Buddha Nagar', state: UP, pin: '201301', weight: 3 },
  { locality: 'Greater Noida', district: 'Gautam Buddha Nagar', state: UP, pin: '201310', weight: 2 },
  { locality: 'Indirapuram', district: 'Ghaziabad', state: UP, pin: '201014', weight: 2 },
  { locality: 'Loni', district: 'Ghaziabad', state: UP, pin: '201102', weight: 3 },
  { locality: 'Vaishali', district: 'Ghaziabad', state: UP, pin: '201010', weight: 2 },
  { locality: 'NIT Faridabad', district: 'Faridabad', state: HR, pin: '121001', weight: 3 },
  { locality: 'Ballabgarh', district: 'Faridabad', state: HR, pin: '121004', weight: 2 },
  { locality: 'Sector 14, Gurugram', district: 'Gurugram', state: HR, pin: '122001', weight: 2 },
  { locality: 'Sohna', district: 'Gurugram', state: HR, pin: '122103', weight: 1 },
  { locality: 'Bahadurgarh', district: 'Jhajjar', state: HR, pin: '124507', weight: 1 },
  { locality: 'Model Town', district: 'Sonipat', state: HR, pin: '131001', weight: 1 },
  { locality: 'Rohtak', district: 'Rohtak', state: HR, pin: '124001', weight: 1 },
  { locality: 'Shastri Nagar', district: 'Meerut', state: UP, pin: '250004', weight: 2 },
  { locality: 'Hapur', district: 'Hapur', state: UP, pin: '245101', weight: 1 },
  { locality: 'Bulandshahr', district: 'Bulandshahr', state: UP, pin: '203001', weight: 1 },
  { locality: 'Civil Lines', district: 'Aligarh', state: UP, pin: '202001', weight: 1 },
  { locality: 'Moradabad', district: 'Moradabad', state: UP, pin: '244001', weight: 1 },
  { locality: 'Bareilly', district: 'Bareilly', state: UP, pin: '243001', weight: 1 },
  { locality: 'Aliganj', district: 'Lucknow', state: UP, pin: '226024', weight: 1 },
  { locality: 'Lanka', district: 'Varanasi', state: UP, pin: '221005', weight: 1 },
  { locality: 'Gorakhpur', district: 'Gorakhpur', state: UP, pin: '273001', weight: 1 },
  { locality: 'Kankarbagh', district: 'Patna', state: BR, pin: '800020', weight: 2 },
  { locality: 'Laheriasarai', district: 'Darbhanga', state: BR, pin: '846001', weight: 2 },
  { locality: 'Muzaffarpur', district: 'Muzaffarpur', state: BR, pin: '842001', weight: 1 },
  { locality: 'Gaya', district: 'Gaya', state: BR, pin: '823001', weight: 1 },
  { locality: 'Madhubani', district: 'Madhubani', state: BR, pin: '847211', weight: 1 },
  { locality: 'Siwan', district: 'Siwan', state: BR, pin: '841226', weight: 1 },
  { locality: 'Alwar', district: 'Alwar', state: RJ, pin: '301001', weight: 1 },
  { locality: 'Bharatpur', district: 'Bharatpur', state: RJ, pin: '321001', weight: 1 },
  { locality: 'Malviya Nagar', district: 'Jaipur', state: RJ, pin: '302017', weight: 1 },
  { locality: 'Jhunjhunu', district: 'Jhunjhunu', state: RJ, pin: '333001', weight: 1 },
];

/** House addresses as written at the desk; the line is optional on the form. */
export const LANDMARKS: readonly string[] = [
  'Hanuman Mandir', 'Jama Masjid', 'Gurudwara', 'Govt. School', 'Water Tank', 'Panchayat Bhawan', 'Bus Stand', 'Post Office',
];
