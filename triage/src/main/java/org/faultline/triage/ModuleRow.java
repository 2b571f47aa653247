package org.faultline.triage;

/** A loaded module with its identity. */
public record ModuleRow(String name, String path, long base, long size, long timestamp, String vendor,
                        boolean microsoft, String altitude, String group) {
}
