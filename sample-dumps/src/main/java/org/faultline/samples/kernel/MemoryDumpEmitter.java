package org.faultline.samples.kernel;

import java.io.OutputStream;
import java.nio.file.Path;

final class MemoryDumpEmitter {
    MemoryDumpEmitter(SynthKernelDump b) {
    }

    KernelLayout layout() {
        throw new UnsupportedOperationException();
    }

    WrittenKernelDump toBytes() {
        throw new UnsupportedOperationException();
    }

    KernelLayout toFile(Path p) {
        throw new UnsupportedOperationException();
    }

    KernelLayout toStream(OutputStream o) {
        throw new UnsupportedOperationException();
    }
}
