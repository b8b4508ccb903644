# Generate the add-in's icons: a green rounded square with a white table grid and a check bar.
import struct, zlib
def png(size, path):
    def px(x, y):
        s = size
        r = s * 0.18
        # rounded square mask
        cx = min(max(x, r), s - 1 - r); cy = min(max(y, r), s - 1 - r)
        if (x - cx) ** 2 + (y - cy) ** 2 > r * r: return (0, 0, 0, 0)
        bg = (16, 124, 65, 255)  # Excel green
        m = s * 0.2
        if m <= x <= s - m and m <= y <= s - m:
            gx = (x - m) / (s - 2 * m); gy = (y - m) / (s - 2 * m)
            line = max(1, s // 24) / (s - 2 * m)
            if gy < 0.28: return (255, 255, 255, 255) if gx < 1 else bg
            if abs(gy - 0.28) < line or abs(gy - 0.64) < line or abs(gx - 0.4) < line or gx < line or gx > 1 - line or gy > 1 - line:
                return (255, 255, 255, 255)
            if 0.64 < gy and gx > 0.4: return (255, 235, 156, 255)  # a flagged cell
            return bg
        return bg
    raw = b''.join(b'\x00' + b''.join(bytes(px(x, y)) for x in range(size)) for y in range(size))
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
    open(path, 'wb').write(data)
for s in (16, 32, 64, 80, 128):
    png(s, f'assets/icon-{s}.png')
