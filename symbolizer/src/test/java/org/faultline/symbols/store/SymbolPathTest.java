package org.faultline.symbols.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.faultline.symbols.store.SymbolPath.Cache;
import org.faultline.symbols.store.SymbolPath.Folder;
import org.faultline.symbols.store.SymbolPath.Invalid;
import org.faultline.symbols.store.SymbolPath.Server;
import org.junit.jupiter.api.Test;

class SymbolPathTest {
    private static final String MSDL = "https://msdl.microsoft.com/download/symbols";

    @Test
    void windbgDocumentationExample() {
        SymbolPath p = SymbolPath.parse("srv*C:\\Symbols*" + MSDL);
        assertThat(p.elements()).containsExactly(new Server(List.of("C:\\Symbols", MSDL)));
        Server s = (Server) p.elements().get(0);
        assertThat(s.localStores()).containsExactly("C:\\Symbols");
        assertThat(s.urls()).containsExactly(URI.create(MSDL));
        assertThat(p.hasServers()).isTrue();
        assertThat(p.errors()).isEmpty();
    }

    @Test
    void symfixExpansionWithCacheAndUpperCaseSrv() {
        SymbolPath p = SymbolPath.parse("cache*c:\\cache;SRV*" + MSDL);
        assertThat(p.elements()).containsExactly(new Cache("c:\\cache"), new Server(List.of(MSDL)));
        assertThat(p.toString()).isEqualTo("cache*c:\\cache;srv*" + MSDL);
    }

    @Test
    void chainWithAShareAndAFolderAfterIt() {
        SymbolPath p = SymbolPath.parse(
                "SRV*c:\\localsymbols*\\\\server\\share*" + MSDL + "; C:\\MySymbols ;;D:\\build\\out");
        assertThat(p.elements()).containsExactly(
                new Server(List.of("c:\\localsymbols", "\\\\server\\share", MSDL)),
                new Folder("C:\\MySymbols"), new Folder("D:\\build\\out"));
        assertThat(((Server) p.elements().get(0)).localStores()).containsExactly("c:\\localsymbols", "\\\\server\\share");
    }

    @Test
    void symsrvDllFormAndDefaultDownstreamStore() {
        SymbolPath p = SymbolPath.parse("symsrv*symsrv.dll*c:\\sym*https://symbols.mozilla.org/;srv**" + MSDL
                + ";srv*" + MSDL + ";cache*");
        assertThat(p.elements()).containsExactly(
                new Server(List.of("c:\\sym", "https://symbols.mozilla.org/")),
                new Server(List.of("", MSDL)),
                new Server(List.of(MSDL)),
                new Cache(""));
        assertThat(((Cache) p.elements().get(3)).isDefault()).isTrue();
        assertThat(((Server) p.elements().get(1)).localStores()).containsExactly("");
    }

    @Test
    void unixFoldersAndLocalOnlyChains() {
        SymbolPath p = SymbolPath.parse("/home/me/syms;srv*/var/cache/symbols");
        assertThat(p.elements()).containsExactly(new Folder("/home/me/syms"), new Server(List.of("/var/cache/symbols")));
        assertThat(p.hasServers()).isFalse();
    }

    @Test
    void unusableFormsAreKeptAsErrors() {
        SymbolPath p = SymbolPath.parse("foo*bar;srv*;srv**;symsrv*agestore.dll*c:\\x;http://example.com/symbols;"
                + "srv*c:\\c*ftp://example.com/x;cache*a*b;srv*c:\\c*https://");
        assertThat(p.elements()).allMatch(Invalid.class::isInstance);
        assertThat(p.errors()).extracting(Invalid::message).containsExactly(
                "unknown form; expected srv*..., symsrv*symsrv.dll*..., cache*... or a folder",
                "no store or server given",
                "no store or server given",
                "unsupported symbol server DLL 'agestore.dll' (only symsrv.dll is understood)",
                "a server URL needs the srv* prefix, e.g. srv*<cache folder>*http://example.com/symbols",
                "'ftp://example.com/x' is not an http:// or https:// URL with a host",
                "cache* takes one folder",
                "'https://' is not an http:// or https:// URL with a host");
        assertThat(p.hasServers()).isFalse();
    }

    @Test
    void emptyAndBlank() {
        assertThat(SymbolPath.parse(null).elements()).isEmpty();
        assertThat(SymbolPath.parse("  ;  ; ").elements()).isEmpty();
        assertThat(SymbolPath.empty().toString()).isEmpty();
    }

    @Test
    void environmentOnlyWhenAskedAndAltComesAfterMain() {
        Map<String, String> env = Map.of(
                "_NT_ALT_SYMBOL_PATH", "C:\\alt",
                "_NT_SYMBOL_PATH", "srv*C:\\Symbols*" + MSDL,
                "PATH", "C:\\Windows");
        assertThat(SymbolPath.fromEnvironment(env).toString()).isEqualTo("srv*C:\\Symbols*" + MSDL + ";C:\\alt");
        assertThat(SymbolPath.fromEnvironment(Map.of()).elements()).isEmpty();
        // option first, then settings, then the environment (only when the caller passes it)
        assertThat(SymbolPath.effective("D:\\opt", "E:\\settings;D:\\opt", null).toString())
                .isEqualTo("D:\\opt;E:\\settings");
        assertThat(SymbolPath.effective("D:\\opt", null, env).toString())
                .isEqualTo("D:\\opt;srv*C:\\Symbols*" + MSDL + ";C:\\alt");
    }
}
