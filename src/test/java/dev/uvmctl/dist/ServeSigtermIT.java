package dev.uvmctl.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uvmctl serve} from the packaged jar, in a process of its own, stopped as a service
 * manager stops it: SIGTERM while scrapes are under way. It must end by itself, say so, free its
 * port, and exit 0, the status systemd, Docker and Kubernetes read as a clean stop (the JVM's own
 * for a signal is 143).
 */
class ServeSigtermIT {
    private static final Path JAR = Path.of(System.getProperty("uvmctl.jar", "target/uvmctl.jar"));

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermDuringScrapesStopsItWithExitZero(@TempDir Path tmp) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = tmp.resolve("stderr");
        Process p = new ProcessBuilder(java, "-jar", JAR.toString(), "serve", "--root", "examples/oom-node", "--listen", "127.0.0.1:0",
            "--min-interval", "0").redirectError(err.toFile()).start();
        Thread scraper = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("stderr: %s", Files.exists(err) ? Files.readString(err) : "").startsWith("uvmctl: serving http://127.0.0.1:");
            int port = Integer.parseInt(line.replaceAll(".*:(\\d+)/metrics$", "$1"));
            assertThat(status(port)).isEqualTo(200);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            scraper = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        if (status(port) == 200) {
                            answered.incrementAndGet();
                        }
                    } catch (IOException e) {
                        return; // the server has stopped listening
                    }
                }
            });
            scraper.start();
            while (answered.get() < 3) {
                Thread.sleep(20);
            }
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ended within 30 s of SIGTERM").isTrue();
            stop.set(true);
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(err)).contains("uvmctl: serve stopped");
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000))
                    .isInstanceOf(IOException.class);
            }
        } finally {
            if (scraper != null) {
                scraper.join(10_000);
            }
            p.destroyForcibly();
        }
    }

    private static int status(int port) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(10_000);
        try (InputStream in = c.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
