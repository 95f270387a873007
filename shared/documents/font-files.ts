import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Noto Serif, read from FONTS_DIR (beside a Lambda bundle) or the repository's templates/fonts. */
export type FontStyle = 'regular' | 'bold' | 'italic';

export const FONT_FILES: Record<FontStyle, string> = {
  regular: 'NotoSerif_400Regular.ttf',
  bold: 'NotoSerif_700Bold.ttf',
  italic: 'NotoSerif_400Regular_Italic.ttf',
};

export const fontPath = (style: FontStyle): string =>
  join(
    process.env.FONTS_DIR ?? fileURLToPath(new URL('../../templates/fonts/', import.meta.url)),
    FONT_FILES[style],
  );
