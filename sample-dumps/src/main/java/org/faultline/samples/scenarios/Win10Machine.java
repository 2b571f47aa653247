package org.faultline.samples.scenarios;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.faultline.samples.kernel.DriverSpec;

/**
 * The machine behind the kernel samples: a Windows 10 22H2 (build 19045) x64 corporate laptop with about 160
 * kernel modules (inbox drivers, Intel hardware, the CrowdStrike Falcon set). Load addresses, checksums and
 * timestamps are derived from a fixed seed, so every run gives the same dump.
 */
final class Win10Machine {
    static final long BUILD = 19045;
    static final long NT_BASE = 0xfffff806_6fa0_0000L;
    /** NtBuildLab as Windows 10 22H2 reports it (the 19041 servicing branch). */
    static final String BUILD_LAB = "19041.1.amd64fre.vb_release.191206-1406";

    private Win10Machine() {
    }

    /** One module of the list: its path as the kernel records it and its image size. */
    record Module(String path, long size) {
        String name() {
            return path.substring(path.lastIndexOf('\\') + 1);
        }
    }

    static List<Module> modules() {
        return modules("win10-22h2-drivers.txt");
    }

    /** A module list resource next to this class: {@code path|SizeOfImage} lines, {@code #} comments. */
    static List<Module> modules(String resource) {
        InputStream in = Win10Machine.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " missing from the classpath");
        }
        List<Module> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|");
                out.add(new Module(f[0], Long.decode(f[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The driver list with load addresses: ntoskrnl.exe at {@link #NT_BASE}, the modules named in
     * {@code fixed} at their given bases, the rest packed upwards from 0xfffff806_7000_0000 (64 KiB aligned,
     * skipping the fixed ranges); {@code add} appends modules a scenario needs beyond the common list.
     */
    static List<DriverSpec> drivers(Map<String, Long> fixed, Map<String, Module> add) {
        List<Module> modules = new ArrayList<>(modules());
        modules.addAll(add.values());
        return place(modules, NT_BASE, 0xfffff806_7000_0000L, 0x2024_0719L, fixed);
    }

    /**
     * Load addresses, checksums and timestamps for a module list whose first entry is the kernel: the kernel at
     * {@code ntBase}, the modules named in {@code fixed} at their bases, the rest packed upwards from
     * {@code packFrom} (64 KiB aligned, skipping the taken ranges); checksums and timestamps from {@code seed}.
     */
    static List<DriverSpec> place(List<Module> modules, long ntBase, long packFrom, long seed, Map<String, Long> fixed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> taken = new ArrayList<>();
        taken.add(new long[] {ntBase, ntBase + modules.get(0).size()});
        for (Module m : modules) {
            Long base = fixed.get(m.name());
            if (base != null) {
                taken.add(new long[] {base, base + m.size()});
            }
        }
        long next = packFrom;
        List<DriverSpec> out = new ArrayList<>();
        for (Module m : modules) {
            long checksum = random.nextLong(0x10000, 0x2000000) & ~1L;
            long timestamp = random.nextLong(0x1000_0000L, 0xF000_0000L);
            long base;
            if (m.name().equalsIgnoreCase("ntoskrnl.exe")) {
                base = ntBase;
            } else if (fixed.containsKey(m.name())) {
                base = fixed.get(m.name());
            } else {
                base = next;
                while (overlaps(taken, base, m.size())) {
                    base += 0x10000;
                }
                next = align(base + m.size() + 0x10000);
            }
            out.add(DriverSpec.of(m.path(), base, m.size(), checksum, timestamp));
        }
        return out;
    }

    /**
     * The list with {@code name}'s PE TimeDateStamp and CheckSum replaced, for a driver whose stamps must match
     * a committed symbol file rather than follow the seed.
     */
    static List<DriverSpec> stamped(List<DriverSpec> drivers, String name, long timestamp, long checksum) {
        List<DriverSpec> out = new ArrayList<>();
        for (DriverSpec d : drivers) {
            boolean match = d.name().endsWith("\\" + name);
            out.add(match ? new DriverSpec(d.name(), d.base(), d.size(), checksum, timestamp, d.entryPoint()) : d);
        }
        return out;
    }

    private static boolean overlaps(List<long[]> taken, long base, long size) {
        for (long[] t : taken) {
            if (Long.compareUnsigned(base, t[1]) < 0 && Long.compareUnsigned(t[0], base + size) < 0) {
                return true;
            }
        }
        return false;
    }

    private static long align(long v) {
        return (v + 0xFFFF) & ~0xFFFFL;
    }

    /** The base of a named module in a driver list. */
    static long baseOf(List<DriverSpec> drivers, String name) {
        return drivers.stream().filter(d -> d.name().endsWith("\\" + name)).findFirst().orElseThrow().base();
    }

    /**
     * 0x100 bytes of code around a return address, as triage dumps keep them: int3 padding with a
     * {@code call rel32} ending exactly at the return address, so a stack scan can check that the slot
     * follows a call.
     */
    static byte[] codeAroundReturn(long returnAddress, long callTarget) {
        byte[] b = new byte[0x100];
        Arrays.fill(b, (byte) 0xCC);
        int at = 0x80 - 5;
        long rel = callTarget - returnAddress;
        b[at] = (byte) 0xE8;
        for (int i = 0; i < 4; i++) {
            b[at + 1 + i] = (byte) (rel >>> (8 * i));
        }
        return b;
    }

    /**
     * 0x100 bytes of code around a return address after an indirect call: int3 padding with
     * {@code call qword ptr [rip+disp32]} (FF 15) ending exactly at the return address, reading the pointer at
     * {@code slot} (an import slot, or a driver's {@code __guard_dispatch_icall_fptr} for calls through a
     * function pointer).
     */
    static byte[] codeAroundPointerCall(long returnAddress, long slot) {
        byte[] b = new byte[0x100];
        Arrays.fill(b, (byte) 0xCC);
        int at = 0x80 - 6;
        long disp = slot - returnAddress;
        b[at] = (byte) 0xFF;
        b[at + 1] = 0x15;
        for (int i = 0; i < 4; i++) {
            b[at + 2 + i] = (byte) (disp >>> (8 * i));
        }
        return b;
    }

    /** A little-endian u64 array, for stack slots and pointer tables. */
    static byte[] u64s(long... values) {
        byte[] b = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < 8; k++) {
                b[i * 8 + k] = (byte) (values[i] >>> (8 * k));
            }
        }
        return b;
    }
}
