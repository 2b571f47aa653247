package org.faultline.samples.kernel;

/** Stub. */
public final class PhysicalMemory {
}
