package org.faultline.symbols.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writes synthetic cabinets from its own reading of MS-CAB (no code shared with {@link CabFile}): header,
 * optional reserve areas, folders (stored or MSZIP with the 32 KiB history carried across blocks), files and
 * data blocks with or without checksums. Tests also use it to write damaged cabinets.
 */
final class CabBuilder {
    private final List<List<byte[]>> folderFiles = new ArrayList<>();
    private final List<List<String>> folderNames = new ArrayList<>();
    private final List<Integer> folderTypes = new ArrayList<>();
    private int blockSize = 32768;
    private boolean checksums = true;
    private int headerReserve = -1;
    private int folderReserve;
    private int dataReserve;
    private int flags;

    /** Starts a new folder with compression 0 (none) or 1 (MSZIP), or any raw typeCompress. */
    CabBuilder folder(int typeCompress) {
        folderFiles.add(new ArrayList<>());
        folderNames.add(new ArrayList<>());
        folderTypes.add(typeCompress);
        return this;
    }

    /** Adds a file to the last folder. */
    CabBuilder file(String name, byte[] data) {
        folderFiles.get(folderFiles.size() - 1).add(data);
        folderNames.get(folderNames.size() - 1).add(name);
        return this;
    }

    CabBuilder blockSize(int n) {
        blockSize = n;
        return this;
    }

    CabBuilder checksums(boolean on) {
        checksums = on;
        return this;
    }

    /** Sets the reserve-present flag with these sizes. */
    CabBuilder reserve(int header, int folder, int data) {
        headerReserve = header;
        folderReserve = folder;
        dataReserve = data;
        return this;
    }

    /** Extra header flags (e.g. 0x1 / 0x2 for spanning). */
    CabBuilder flags(int f) {
        flags = f;
        return this;
    }

    byte[] build() {
        boolean reserve = headerReserve >= 0;
        int headerSize = 36 + (reserve ? 4 + headerReserve : 0);
        int folderRec = 8 + (reserve ? folderReserve : 0);
        int dataRes = reserve ? dataReserve : 0;
        int nFolders = folderFiles.size();
        // files
        ByteArrayOutputStream files = new ByteArrayOutputStream();
        int nFiles = 0;
        List<byte[]> folderData = new ArrayList<>();
        for (int f = 0; f < nFolders; f++) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < folderFiles.get(f).size(); i++) {
                byte[] d = folderFiles.get(f).get(i);
                byte[] name = folderNames.get(f).get(i).getBytes(StandardCharsets.UTF_8);
                ByteBuffer r = le(16);
                r.putInt(d.length).putInt(all.size()).putShort((short) f).putShort((short) 0x5A4A)
                        .putShort((short) 0x9C00).putShort((short) 0x20);
                files.writeBytes(r.array());
                files.writeBytes(name);
                files.write(0);
                all.writeBytes(d);
                nFiles++;
            }
            folderData.add(all.toByteArray());
        }
        // data blocks per folder
        List<byte[]> blocks = new ArrayList<>();
        List<Integer> blockCounts = new ArrayList<>();
        for (int f = 0; f < nFolders; f++) {
            byte[] all = folderData.get(f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int count = 0;
            byte[] history = new byte[0];
            for (int at = 0; at < all.length; at += blockSize) {
                byte[] plain = Arrays.copyOfRange(all, at, Math.min(all.length, at + blockSize));
                byte[] packed = (folderTypes.get(f) & 0xF) == 1 ? mszip(plain, history) : plain;
                history = tail(history, plain);
                ByteBuffer h = le(8);
                long csum = checksums ? checksum(packed, packed.length, plain.length, new byte[dataRes]) : 0;
                h.putInt((int) csum).putShort((short) packed.length).putShort((short) plain.length);
                out.writeBytes(h.array());
                out.writeBytes(new byte[dataRes]);
                out.writeBytes(packed);
                count++;
            }
            blocks.add(out.toByteArray());
            blockCounts.add(count);
        }
        int coffFiles = headerSize + nFolders * folderRec;
        int dataStart = coffFiles + files.size();
        int total = dataStart + blocks.stream().mapToInt(b -> b.length).sum();

        ByteBuffer cab = le(total);
        cab.put("MSCF".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(total).putInt(0).putInt(coffFiles)
                .putInt(0).put((byte) 3).put((byte) 1).putShort((short) nFolders).putShort((short) nFiles)
                .putShort((short) (flags | (reserve ? 4 : 0))).putShort((short) 0x1234).putShort((short) 0);
        if (reserve) {
            cab.putShort((short) headerReserve).put((byte) folderReserve).put((byte) dataReserve);
            cab.put(new byte[headerReserve]);
        }
        int at = dataStart;
        for (int f = 0; f < nFolders; f++) {
            cab.putInt(at).putShort((short) (int) blockCounts.get(f)).putShort((short) (int) folderTypes.get(f));
            cab.put(new byte[folderRec - 8]);
            at += blocks.get(f).length;
        }
        cab.put(files.toByteArray());
        for (byte[] b : blocks) {
            cab.put(b);
        }
        return cab.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] tail(byte[] history, byte[] plain) {
        byte[] joined = new byte[history.length + plain.length];
        System.arraycopy(history, 0, joined, 0, history.length);
        System.arraycopy(plain, 0, joined, history.length, plain.length);
        return Arrays.copyOfRange(joined, Math.max(0, joined.length - 32768), joined.length);
    }

    private static byte[] mszip(byte[] plain, byte[] history) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            if (history.length > 0) {
                d.setDictionary(history);
            }
            d.setInput(plain);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write('C');
            out.write('K');
            byte[] buf = new byte[65536];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** MS-CAB CFDATA checksum, written from the specification's description. */
    static long checksum(byte[] data, int cbData, int cbUncomp, byte[] reserve) {
        long c = xorWords(data, cbData, 0);
        ByteBuffer rest = le(4 + reserve.length);
        rest.putShort((short) cbData).putShort((short) cbUncomp).put(reserve);
        return xorWords(rest.array(), rest.capacity(), c);
    }

    private static long xorWords(byte[] b, int n, long seed) {
        long c = seed;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            c ^= ByteBuffer.wrap(b, i, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        }
        long last = 0;
        for (; i < n; i++) {
            last = (last << 8) | (b[i] & 0xFF);
        }
        return (c ^ last) & 0xFFFFFFFFL;
    }
}
