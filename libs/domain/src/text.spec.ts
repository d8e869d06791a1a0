import { containsPattern, foldVietnamese } from './text';

describe('foldVietnamese', () => {
  it.each([
    ['Đồng Tháp', 'dong thap'],
    ['Hồng Ngự', 'hong ngu'],
    ['ĐỒNG THÁP', 'dong thap'],
    ['HỒNG NGỰ', 'hong ngu'],
    ['Thành phố Cao Lãnh', 'thanh pho cao lanh'],
    ['Sa Đéc', 'sa dec'],
    ['Lấp Vò', 'lap vo'],
    ['Tháp Mười', 'thap muoi'],
    ['Huyện Châu Thành', 'huyen chau thanh'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Quảng Ngãi', 'quang ngai'],
    ['Bà Rịa – Vũng Tàu', 'ba ria – vung tau'],
    ['đường', 'duong'],
  ])('folds %p to %p', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it('removes every tone and vowel mark, lower and upper case', () => {
    const lower = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
    const expected = 'aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyyd';
    expect(foldVietnamese(lower)).toBe(expected);
    expect(foldVietnamese(lower.toUpperCase())).toBe(expected);
  });

  it('folds text that arrives decomposed (NFD) the same as precomposed (NFC)', () => {
    const nfd = 'Đồng Tháp'.normalize('NFD');
    expect(nfd).not.toBe('Đồng Tháp');
    expect(foldVietnamese(nfd)).toBe('dong thap');
  });

  it('makes "dong thap" and "Đồng Tháp" match', () => {
    expect(foldVietnamese('dong thap')).toBe(foldVietnamese('Đồng Tháp'));
    expect(foldVietnamese('Đồng Tháp')).toContain(foldVietnamese('tháp'));
  });

  it('collapses runs of whitespace and trims', () => {
    expect(foldVietnamese('  Đồng \t  Tháp\n ')).toBe('dong thap');
    expect(foldVietnamese('Hồng\u00a0Ngự')).toBe('hong ngu');
  });

  it('keeps digits and punctuation', () => {
    expect(foldVietnamese('Phường 1, Quận 3')).toBe('phuong 1, quan 3');
  });

  it('leaves plain ASCII alone apart from case', () => {
    expect(foldVietnamese('Hoi Nghi ABC-123')).toBe('hoi nghi abc-123');
  });

  it('is idempotent', () => {
    const once = foldVietnamese('  Ủy ban Nhân dân TỈNH Đồng Tháp ');
    expect(once).toBe('uy ban nhan dan tinh dong thap');
    expect(foldVietnamese(once)).toBe(once);
  });

  it('returns an empty string for empty or blank input', () => {
    expect(foldVietnamese('')).toBe('');
    expect(foldVietnamese('   ')).toBe('');
  });
});

describe('containsPattern', () => {
  it('folds the query and wraps it for a contains match', () => {
    expect(containsPattern('Sa Đéc')).toBe('%sa dec%');
  });

  it('escapes LIKE wildcards typed by the user', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
