package org.faultline.app.gui.teach;

/**
 * Where the walkthrough's facts that are not in the dump come from (the list in the July 19 facts, with the
 * address of each). A step cites the ones its sentences rely on.
 */
final class Sources {
    static final String MS_BUGCHECK_0X50 = "Microsoft, Bug check 0x50 PAGE_FAULT_IN_NONPAGED_AREA —"
            + " https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2";
    static final String MS_BLOG = "Microsoft Security blog, \"Windows Security best practices for integrating and managing"
            + " security tools\", 2024-07-27 — https://microsoft.com/en-us/security/blog/2024/07/27/windows-security-best-practices-for-integrating-and-managing-security-tools";
    static final String CS_RCA = "CrowdStrike, External Technical Root Cause Analysis, Channel File 291, 2024-08-06 —"
            + " https://www.crowdstrike.com/wp-content/uploads/2024/08/Channel-File-291-Incident-Root-Cause-Analysis-08.06.2024.pdf";
    static final String CS_PIR = "CrowdStrike, Preliminary Post Incident Review, 2024-07-25 —"
            + " https://www.crowdstrike.com/blog/falcon-content-update-preliminary-post-incident-report/";
    static final String ALTITUDES = "Microsoft, Allocated filter altitudes (CC BY 4.0) —"
            + " https://learn.microsoft.com/windows-hardware/drivers/ifs/allocated-altitudes";
    static final String RECOVERY_TOOL = "Microsoft's recovery tool, as reported —"
            + " https://techloy.com/microsoft-releases-recovery-tool-to-fix-windows-machines-hit-by-crowdstrike-outage";
    static final String SCALE = "8.5 million devices, as reported —"
            + " https://www.tomshardware.com/software/windows/microsoft-releases-crowdstrike-recovery-tool-admits-85-million-windows-devices-were-affected-by-the-bsod-issue";
    static final String OBJDUMP = "GNU objdump decodes the same bytes to the same instruction (Faultline's differential tests)";

    private Sources() {
    }
}
