package dev.uvmctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code uvmctl --version}: uvmctl's version and the Java runtime running it. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /**
     * From the jar's manifest, which the class loader has already read; from the build's
     * version resource when running from class directories (tests). Opening the resource through
     * a jar: URL would cost every start a few milliseconds.
     */
    public static String version() {
        String inManifest = VersionProvider.class.getPackage().getImplementationVersion();
        if (inManifest != null) {
            return inManifest;
        }
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/uvmctl/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "uvmctl " + version(),
            "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("java.home") + ")",
        };
    }
}
