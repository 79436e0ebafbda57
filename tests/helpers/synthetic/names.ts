/**
 * Names as people in North Indian OPDs give them, each in Latin and Devanagari script. Names
 * are grouped by naming tradition only so that a generated first name and surname go together
 * the way they do in real families.
 */
export type Tradition = 'hindi' | 'urdu' | 'punjabi';

export interface GivenName {
  latin: string;
  deva: string;
  /** U: given to boys and girls alike; used for patients recorded as sex O. */
  sex: 'M' | 'F' | 'U';
  tradition: Tradition;
}

export interface Surname {
  latin: string;
  deva: string;
  traditions: readonly Tradition[];
  /** Surnames that only one sex carries: Devi, Kumari, Kaur, Begum, Kumar... */
  only?: 'M' | 'F';
}

type Pair = readonly [latin: string, deva: string];
const given = (tradition: Tradition, sex: GivenName['sex'], pairs: readonly Pair[]): GivenName[] =>
  pairs.map(([latin, deva]) => ({ latin, deva, sex, tradition }));

export const GIVEN_NAMES: readonly GivenName[] = [
  ...given('hindi', 'M', [
    ['Ramesh', 'रमेश'], ['Suresh', 'सुरेश'], ['Mahesh', 'महेश'], ['Rajesh', 'राजेश'], ['Mukesh', 'मुकेश'],
    ['Dinesh', 'दिनेश'], ['Rakesh', 'राकेश'], ['Sunil', 'सुनील'], ['Anil', 'अनिल'], ['Vijay', 'विजय'],
    ['Sanjay', 'संजय'], ['Ajay', 'अजय'], ['Amit', 'अमित'], ['Sumit', 'सुमित'], ['Rahul', 'राहुल'],
    ['Rohit', 'रोहित'], ['Manoj', 'मनोज'], ['Pankaj', 'पंकज'], ['Deepak', 'दीपक'], ['Ashok', 'अशोक'],
    ['Ravi', 'रवि'], ['Arun', 'अरुण'], ['Vikas', 'विकास'], ['Praveen', 'प्रवीण'], ['Mohan', 'मोहन'],
    ['Gopal', 'गोपाल'], ['Shyam', 'श्याम'], ['Harish', 'हरीश'], ['Jitendra', 'जितेंद्र'], ['Rajendra', 'राजेंद्र'],
    ['Arjun', 'अर्जुन'], ['Aarav', 'आरव'], ['Vivek', 'विवेक'], ['Kishan', 'किशन'], ['Santosh', 'संतोष'],
    ['Om Prakash', 'ओम प्रकाश'], ['Ram Prasad', 'राम प्रसाद'], ['Lalit', 'ललित'], ['Ankit', 'अंकित'], ['Ayush', 'आयुष'],
  ]),
  ...given('hindi', 'F', [
    ['Sunita', 'सुनीता'], ['Anita', 'अनीता'], ['Geeta', 'गीता'], ['Sita', 'सीता'], ['Rekha', 'रेखा'],
    ['Rani', 'रानी'], ['Pooja', 'पूजा'], ['Priya', 'प्रिया'], ['Neha', 'नेहा'], ['Kavita', 'कविता'],
    ['Savita', 'सविता'], ['Poonam', 'पूनम'], ['Meena', 'मीना'], ['Seema', 'सीमा'], ['Reena', 'रीना'],
    ['Asha', 'आशा'], ['Usha', 'उषा'], ['Lakshmi', 'लक्ष्मी'], ['Saroj', 'सरोज'], ['Kamla', 'कमला'],
    ['Shanti', 'शांति'], ['Radha', 'राधा'], ['Manju', 'मंजू'], ['Anjali', 'अंजलि'], ['Nisha', 'निशा'],
    ['Divya', 'दिव्या'], ['Sarita', 'सरिता'], ['Babita', 'बबीता'], ['Ritu', 'रितु'], ['Sapna', 'सपना'],
    ['Ananya', 'अनन्या'], ['Khushi', 'खुशी'],
  ]),
  ...given('hindi', 'U', [['Kiran', 'किरण']]),
  ...given('urdu', 'M', [
    ['Mohammad Imran', 'मोहम्मद इमरान'], ['Salim', 'सलीम'], ['Aamir', 'आमिर'], ['Irfan', 'इरफान'],
    ['Shahid', 'शाहिद'], ['Arif', 'आरिफ'], ['Zubair', 'जुबैर'], ['Mohammad Yusuf', 'मोहम्मद यूसुफ'],
  ]),
  ...given('urdu', 'F', [
    ['Shabana', 'शबाना'], ['Fatima', 'फातिमा'], ['Nazia', 'नाजिया'], ['Rukhsana', 'रुखसाना'],
    ['Salma', 'सलमा'], ['Ayesha', 'आयशा'],
  ]),
  ...given('punjabi', 'M', [
    ['Harjeet', 'हरजीत'], ['Manjeet', 'मनजीत'], ['Jaspal', 'जसपाल'], ['Balwinder', 'बलविंदर'], ['Sukhwinder', 'सुखविंदर'],
  ]),
  ...given('punjabi', 'F', [['Jaspreet', 'जसप्रीत'], ['Simran', 'सिमरन'], ['Harleen', 'हरलीन']]),
  ...given('punjabi', 'U', [['Gurpreet', 'गुरप्रीत'], ['Harpreet', 'हरप्रीत'], ['Manpreet', 'मनप्रीत']]),
];

const surnames = (traditions: readonly Tradition[], pairs: readonly Pair[], only?: 'M' | 'F'): Surname[] =>
  pairs.map(([latin, deva]) => (only ? { latin, deva, traditions, only } : { latin, deva, traditions }));

/** Family names a household shares. */
export const FAMILY_NAMES: readonly Surname[] = [
  ...surnames(['hindi'], [
    ['Sharma', 'शर्मा'], ['Verma', 'वर्मा'], ['Gupta', 'गुप्ता'], ['Yadav', 'यादव'], ['Chauhan', 'चौहान'],
    ['Jain', 'जैन'], ['Agarwal', 'अग्रवाल'], ['Mishra', 'मिश्रा'], ['Pandey', 'पांडेय'], ['Tiwari', 'तिवारी'],
    ['Dubey', 'दुबे'], ['Shukla', 'शुक्ला'], ['Srivastava', 'श्रीवास्तव'], ['Saxena', 'सक्सेना'], ['Chaudhary', 'चौधरी'],
    ['Rathore', 'राठौर'], ['Rawat', 'रावत'], ['Negi', 'नेगी'], ['Thakur', 'ठाकुर'], ['Prasad', 'प्रसाद'],
    ['Paswan', 'पासवान'], ['Mandal', 'मंडल'], ['Jha', 'झा'], ['Sinha', 'सिन्हा'], ['Bansal', 'बंसल'],
    ['Goyal', 'गोयल'], ['Mittal', 'मित्तल'], ['Kapoor', 'कपूर'], ['Malhotra', 'मल्होत्रा'], ['Meena', 'मीणा'],
    ['Gurjar', 'गुर्जर'], ['Saini', 'सैनी'], ['Tomar', 'तोमर'], ['Bhardwaj', 'भारद्वाज'], ['Kushwaha', 'कुशवाहा'],
    ['Jatav', 'जाटव'], ['Nishad', 'निषाद'],
  ]),
  ...surnames(['urdu'], [
    ['Khan', 'खान'], ['Ansari', 'अंसारी'], ['Qureshi', 'कुरैशी'], ['Siddiqui', 'सिद्दीकी'], ['Malik', 'मलिक'], ['Saifi', 'सैफी'],
  ]),
  ...surnames(['punjabi', 'hindi'], [['Arora', 'अरोड़ा'], ['Sethi', 'सेठी']]),
  ...surnames(['punjabi'], [['Gill', 'गिल'], ['Sandhu', 'संधू'], ['Bedi', 'बेदी']]),
];

/** Surnames one sex uses instead of, or in front of, the family name. */
export const KUMAR: Surname = { latin: 'Kumar', deva: 'कुमार', traditions: ['hindi'], only: 'M' };
export const DEVI: Surname = { latin: 'Devi', deva: 'देवी', traditions: ['hindi'], only: 'F' };
export const KUMARI: Surname = { latin: 'Kumari', deva: 'कुमारी', traditions: ['hindi'], only: 'F' };
export const BEGUM: Surname = { latin: 'Begum', deva: 'बेगम', traditions: ['urdu'], only: 'F' };
export const KHATOON: Surname = { latin: 'Khatoon', deva: 'खातून', traditions: ['urdu'], only: 'F' };
export const SINGH: Surname = { latin: 'Singh', deva: 'सिंह', traditions: ['punjabi', 'hindi'], only: 'M' };
export const KAUR: Surname = { latin: 'Kaur', deva: 'कौर', traditions: ['punjabi'], only: 'F' };

export const SURNAMES: readonly Surname[] = [...FAMILY_NAMES, KUMAR, DEVI, KUMARI, BEGUM, KHATOON, SINGH, KAUR];

/** Remarks a clerk adds now and then, in either language. */
export const REMARKS: readonly string[] = [
  'Referred from PHC with referral slip',
  'Referred from District Hospital',
  'Hearing impaired, came with son',
  'Came in wheelchair',
  'Old UHID card lost',
  'Follow-up, old file not available during downtime',
  'Brought by ASHA worker',
  'पुराना पर्चा साथ लाए हैं',
  'मरीज़ के साथ बेटी है',
  'Ayushman card holder',
];
