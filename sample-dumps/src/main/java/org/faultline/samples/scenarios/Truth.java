package org.faultline.samples.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground truth of a sample dump: what the scenario wrote into it and what a correct analysis concludes.
 * It is written by the scenario from its own facts, never from an analyzer's output.
 *
 * @param name              sample name (file name without {@code .dmp})
 * @param teaches           what the sample is for, in one or two sentences
 * @param format            {@code minidump}, {@code kernel-triage}, {@code kernel-full}, {@code kernel-bitmap}
 * @param architecture      {@code amd64}, {@code x86}, {@code arm64}
 * @param osBuild           Windows build number
 * @param bugcheck          code and four parameters, or {@code null} (user-mode dumps)
 * @param exception         code, address and parameters of the exception, or {@code null}
 * @param accessKind        {@code read}, {@code write}, {@code execute}, or {@code null} (not an access violation)
 * @param referencedAddress the address the faulting access touched, or {@code null}
 * @param faultingAddress   address of the faulting instruction, or {@code null} when the dump does not say
 * @param faultingModule    file name of the module holding the faulting instruction
 * @param faultingOffset    offset of the faulting instruction in that module
 * @param faultingInstruction the faulting instruction in Intel syntax, or {@code null}
 * @param culprit           module, company, Microsoft or not, filter facts (altitude, group), or {@code null}
 * @param verdict           expected verdict category (READ_OUT_OF_BOUNDS, NULL_POINTER_READ, …)
 * @param thirdPartyFilterDriverReadOutOfBounds the headline flag
 * @param partial           whether the dump is deliberately damaged, so only a partial analysis is expected
 */
public record Truth(String name, String teaches, String format, String architecture, long osBuild,
                    Code bugcheck, Code exception, String accessKind, Long referencedAddress, Long faultingAddress,
                    String faultingModule,
                    Long faultingOffset, String faultingInstruction, Culprit culprit, String verdict,
                    boolean thirdPartyFilterDriverReadOutOfBounds, boolean partial) {

    /** A bug check or exception: code, optional address, parameters. */
    public record Code(long code, Long address, List<Long> parameters) {
        public Code {
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * Whose code it is.
     *
     * @param altitude minifilter altitude as allocated by Microsoft, or {@code null} when not a minifilter
     * @param group    minifilter load-order group, or {@code null}
     */
    public record Culprit(String module, String company, boolean microsoft, boolean fileSystemFilter,
                          String altitude, String group) {
    }

    private static String hex(Long v) {
        return v == null ? null : "0x" + Long.toHexString(v);
    }

    private static Map<String, Object> code(Code c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", hex(c.code()));
        if (c.address() != null) {
            m.put("address", hex(c.address()));
        }
        List<Object> p = new ArrayList<>();
        c.parameters().forEach(v -> p.add(hex(v)));
        m.put("parameters", p);
        return m;
    }

    /** The truth file's JSON: hex strings for addresses and codes, as Faultline's reports write them. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("teaches", teaches);
        m.put("format", format);
        m.put("architecture", architecture);
        m.put("osBuild", osBuild);
        m.put("bugcheck", code(bugcheck));
        m.put("exception", code(exception));
        m.put("accessKind", accessKind);
        m.put("referencedAddress", hex(referencedAddress));
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("address", hex(faultingAddress));
        frame.put("module", faultingModule);
        frame.put("offset", hex(faultingOffset));
        frame.put("instruction", faultingInstruction);
        m.put("faultingFrame", frame);
        if (culprit == null) {
            m.put("culprit", null);
        } else {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("module", culprit.module());
            c.put("company", culprit.company());
            c.put("microsoft", culprit.microsoft());
            c.put("fileSystemFilter", culprit.fileSystemFilter());
            c.put("altitude", culprit.altitude());
            c.put("group", culprit.group());
            m.put("culprit", c);
        }
        m.put("verdict", verdict);
        m.put("thirdPartyFilterDriverReadOutOfBounds", thirdPartyFilterDriverReadOutOfBounds);
        m.put("partial", partial);
        return Json.write(m);
    }
}
