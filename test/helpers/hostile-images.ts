// Images made on the spot, good and hostile: nothing here is a checked-in binary.
import zlib from 'node:zlib';
import sharp from 'sharp';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid all-black 1-bit PNG: a few kilobytes on disk, `width × height` pixels once decoded. */
export function blackPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((Math.ceil(width / 8) + 1) * height); // each row: filter byte 0, then zeros
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Pixels that do not compress, so an encoded file is long enough to cut short. */
function noise(width: number, height: number): sharp.Sharp {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 + (i >> 7) * 104729) % 251;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

const solid = (width: number, height: number, background = '#336699') => sharp({ create: { width, height, channels: 3, background } });

export type Expectation = { code: string } | { format: string; width: number; height: number };
export interface TestImage { name: string; bytes: Buffer; expect: Expectation }

/** Every kind of file the upload must refuse, with the code it must name, and every kind it must take, as displayed. */
export async function hostileImageSet(): Promise<TestImage[]> {
  const jpeg = await noise(640, 480).jpeg().toBuffer();
  const png = await noise(640, 480).png().toBuffer();
  return [
    { name: 'bomb.png', bytes: blackPng(20_000, 20_000), expect: { code: 'too_many_pixels' } },
    { name: 'sixty-four-megapixels.png', bytes: blackPng(8_000, 8_000), expect: { code: 'too_many_pixels' } },
    { name: 'truncated.jpg', bytes: jpeg.subarray(0, 400), expect: { code: 'corrupt' } },
    { name: 'truncated.png', bytes: png.subarray(0, 400), expect: { code: 'corrupt' } },
    { name: 'drawing.svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="64" height="48"/></svg>'), expect: { code: 'unsupported_format' } },
    { name: 'empty.png', bytes: Buffer.alloc(0), expect: { code: 'empty' } },
    { name: 'notes.jpg', bytes: Buffer.from('these are not pixels'), expect: { code: 'not_an_image' } },
    { name: 'photo.png', bytes: jpeg, expect: { format: 'jpeg', width: 640, height: 480 } },
    { name: 'cmyk.jpg', bytes: await solid(64, 48).toColourspace('cmyk').jpeg().toBuffer(), expect: { format: 'jpeg', width: 64, height: 48 } },
    { name: 'deep.png', bytes: await solid(64, 48).toColourspace('rgb16').png().toBuffer(), expect: { format: 'png', width: 64, height: 48 } },
    // EXIF orientation 6: stored 64×48, shown rotated a quarter turn.
    { name: 'rotated.jpg', bytes: await solid(64, 48, '#996633').jpeg().withMetadata({ orientation: 6 }).toBuffer(), expect: { format: 'jpeg', width: 48, height: 64 } },
    { name: 'two-frames.gif', bytes: await animatedGif(), expect: { format: 'gif', width: 32, height: 24 } },
    { name: 'picture.webp', bytes: await solid(64, 48, '#112233').webp().toBuffer(), expect: { format: 'webp', width: 64, height: 48 } },
    { name: 'scan.tiff', bytes: await solid(64, 48, '#445566').tiff().toBuffer(), expect: { format: 'tiff', width: 64, height: 48 } },
    { name: 'modern.avif', bytes: await solid(64, 48, '#778899').avif().toBuffer(), expect: { format: 'avif', width: 64, height: 48 } },
  ];
}

/** Two 32×24 frames, one dark and one light: the upload measures the first. */
function animatedGif(): Promise<Buffer> {
  const frames = Buffer.alloc(32 * 48 * 3, 60);
  frames.fill(200, frames.length / 2);
  return sharp(frames, { raw: { width: 32, height: 48, channels: 3, pageHeight: 24 } }).gif().toBuffer();
}

/** A JPEG of a solid colour: distinct per seed, small on disk, `width × height` to decode. */
export function solidJpeg(seed: number, width: number, height: number): Promise<Buffer> {
  return solid(width, height, `#${(seed * 2654435761 % 0xffffff).toString(16).padStart(6, '0')}`).jpeg().toBuffer();
}
