import type { Sector } from '@jobfair/contracts';

/** Reference facts the generator draws from: places, names and trades of Thanh Hoa's labour market. */

export const PROVINCE = 'Thanh Hoa';

/** The province's districts; `highland` ones are mountainous, with many ethnic-minority households. */
export const DISTRICTS: readonly { name: string; highland: boolean }[] = [
  { name: 'Thanh Hóa', highland: false },
  { name: 'Sầm Sơn', highland: false },
  { name: 'Bỉm Sơn', highland: false },
  { name: 'Nghi Sơn', highland: false },
  { name: 'Hà Trung', highland: false },
  { name: 'Nga Sơn', highland: false },
  { name: 'Hậu Lộc', highland: false },
  { name: 'Hoằng Hóa', highland: false },
  { name: 'Quảng Xương', highland: false },
  { name: 'Đông Sơn', highland: false },
  { name: 'Triệu Sơn', highland: false },
  { name: 'Thiệu Hóa', highland: false },
  { name: 'Yên Định', highland: false },
  { name: 'Vĩnh Lộc', highland: false },
  { name: 'Thọ Xuân', highland: false },
  { name: 'Nông Cống', highland: false },
  { name: 'Thạch Thành', highland: true },
  { name: 'Cẩm Thủy', highland: true },
  { name: 'Ngọc Lặc', highland: true },
  { name: 'Lang Chánh', highland: true },
  { name: 'Bá Thước', highland: true },
  { name: 'Quan Hóa', highland: true },
  { name: 'Quan Sơn', highland: true },
  { name: 'Mường Lát', highland: true },
  { name: 'Thường Xuân', highland: true },
  { name: 'Như Xuân', highland: true },
  { name: 'Như Thanh', highland: true },
];

/** Neighbouring provinces a few seekers come from. */
export const OTHER_PROVINCES = ['Nghe An', 'Ninh Binh', 'Hoa Binh', 'Son La'] as const;

/** Family names with their rough shares in Vietnam; highland districts add Muong and Thai names. */
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 36],
  ['Lê', 12],
  ['Trần', 10],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Vũ', 4],
  ['Đỗ', 3],
  ['Bùi', 3],
  ['Trịnh', 3],
  ['Đặng', 2],
  ['Hồ', 1.5],
  ['Ngô', 1.5],
  ['Dương', 1],
  ['Mai', 1],
  ['Lại', 0.5],
  ['Lương', 0.5],
  ['Tống', 0.5],
];
export const HIGHLAND_FAMILY_NAMES = ['Hà', 'Lò', 'Lương', 'Vi', 'Cầm', 'Phạm', 'Bùi', 'Quách'] as const;

export const MIDDLE_NAMES = {
  male: ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Xuân', 'Công', 'Đình', 'Bá'],
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Hồng', 'Phương', 'Kim', 'Mai'],
} as const;

export const GIVEN_NAMES = {
  male: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Đạt',
    'Hải',
    'Hùng',
    'Huy',
    'Khánh',
    'Long',
    'Mạnh',
    'Nam',
    'Phong',
    'Quân',
    'Sơn',
    'Tài',
    'Thắng',
    'Tiến',
    'Toàn',
    'Trung',
    'Tuấn',
    'Việt',
    'Vinh',
    'Hiếu',
    'Lâm',
  ],
  female: [
    'Anh',
    'Chi',
    'Dung',
    'Giang',
    'Hà',
    'Hằng',
    'Hạnh',
    'Hoa',
    'Hương',
    'Huyền',
    'Lan',
    'Linh',
    'Loan',
    'Mai',
    'Nga',
    'Ngân',
    'Nhung',
    'Oanh',
    'Phượng',
    'Quỳnh',
    'Thảo',
    'Trang',
    'Tuyết',
    'Vân',
    'Yến',
  ],
} as const;

export const EDUCATION = [
  ['lower secondary', 20],
  ['upper secondary', 45],
  ['vocational', 20],
  ['college', 8],
  ['university', 7],
] as const;

/** The trades employers ask for and seekers bring, by sector. */
export const SKILLS: Record<Sector, readonly string[]> = {
  agriculture: ['vegetable growing', 'fruit harvesting', 'greenhouse farming', 'livestock care', 'rice farming'],
  mechanics: ['welding', 'CNC machining', 'lathe operation', 'auto repair', 'metal fabrication'],
  electronics: ['electronics assembly', 'soldering', 'quality inspection', 'PCB assembly'],
  construction: ['masonry', 'formwork', 'rebar work', 'scaffolding', 'painting'],
  'food-processing': ['food packing', 'meat processing', 'seafood processing', 'bakery'],
  aquaculture: ['shrimp farming', 'fish farming', 'net repair'],
  garment: ['sewing', 'pattern cutting', 'garment finishing'],
  textiles: ['weaving', 'spinning machine operation', 'dyeing'],
  manufacturing: ['machine operation', 'forklift driving', 'plastic moulding', 'assembly line work'],
  fishery: ['deep-sea fishing', 'net repair', 'boat engine maintenance'],
  services: ['caregiving', 'cooking', 'cleaning', 'hotel housekeeping'],
  shipbuilding: ['ship welding', 'pipe fitting', 'blasting and painting'],
};

export interface Market {
  country: string;
  /** Where the jobs are, in that country. */
  regions: readonly string[];
  sectors: readonly (readonly [Sector, number])[];
}

/** The overseas markets of Thanh Hoa's workers (DOMAIN.md: Taiwan, Japan, South Korea). */
export const MARKETS: Record<'TW' | 'JP' | 'KR', Market> = {
  TW: {
    country: 'TW',
    regions: ['Taoyuan', 'Taichung', 'New Taipei', 'Kaohsiung', 'Changhua', 'Tainan'],
    sectors: [
      ['manufacturing', 30],
      ['electronics', 25],
      ['textiles', 10],
      ['construction', 10],
      ['fishery', 10],
      ['food-processing', 10],
      ['services', 5],
    ],
  },
  JP: {
    country: 'JP',
    regions: ['Aichi', 'Osaka', 'Saitama', 'Shizuoka', 'Gifu', 'Hiroshima', 'Ibaraki'],
    sectors: [
      ['food-processing', 25],
      ['mechanics', 20],
      ['construction', 15],
      ['agriculture', 15],
      ['garment', 10],
      ['services', 10],
      ['manufacturing', 5],
    ],
  },
  KR: {
    country: 'KR',
    regions: ['Gyeonggi', 'Gyeongsangnam', 'Chungcheongnam', 'Jeollanam', 'Incheon'],
    sectors: [
      ['manufacturing', 50],
      ['agriculture', 20],
      ['fishery', 15],
      ['shipbuilding', 10],
      ['construction', 5],
    ],
  },
};

export const DOMESTIC_SECTORS: readonly (readonly [Sector, number])[] = [
  ['garment', 25],
  ['manufacturing', 15],
  ['electronics', 12],
  ['food-processing', 10],
  ['construction', 10],
  ['textiles', 8],
  ['mechanics', 8],
  ['aquaculture', 5],
  ['agriculture', 4],
  ['services', 3],
];

export const COMPANY_WORDS = {
  VN: [
    'Hoàng Long',
    'Lam Sơn',
    'Sông Mã',
    'Nghi Sơn',
    'Hàm Rồng',
    'Sao Mai',
    'Phú Quý',
    'Đông Á',
    'Thành Công',
    'Hợp Lực',
    'Tân Phú',
    'Bình Minh',
    'Việt Hưng',
    'An Phát',
    'Trường Thịnh',
    'Hải Đăng',
    'Minh Khang',
    'Phúc Lộc',
    'Quang Trung',
    'Đại Việt',
  ],
  TW: ['Hsin Yuan', 'Chung Hwa', 'Da Tong', 'Formosa Link', 'Kuo Feng', 'Tai Ming', 'Yung Sheng', 'Lien Fa', 'Jin Ho', 'Sheng Da'],
  JP: ['Sakura', 'Tokai', 'Minato', 'Kizuna', 'Hokuto', 'Daiwa', 'Aoba', 'Mirai', 'Fuji Seiko', 'Yamato'],
  KR: ['Hanbit', 'Daesung', 'Saemaeul', 'Hanil', 'Dongbang', 'Seoyoung', 'Kumho Agro', 'Jinyang', 'Samjin', 'Haesol'],
} as const;

export const COMPANY_SUFFIX = {
  VN: ['Co., Ltd.', 'JSC', 'Garment JSC', 'Manufacturing Co., Ltd.'],
  TW: ['Co., Ltd.', 'Industrial Co., Ltd.', 'Enterprise Co.'],
  JP: ['Co., Ltd.', 'K.K.', 'Kogyo Co., Ltd.', 'Foods Co., Ltd.'],
  KR: ['Co., Ltd.', 'Industry Co.', 'Farm Corporation'],
} as const;

/** Licensed labour-export service companies. */
export const AGENCY_SUFFIX = ['Manpower JSC', 'Labour Supply Co., Ltd.', 'International HR JSC', 'Overseas Employment JSC'] as const;
