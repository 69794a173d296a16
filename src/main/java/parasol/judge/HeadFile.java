package parasol.judge;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The file a trained embedded judge ships as: gzip-compressed binary, a JSON header (what was trained on
 * what) and then the heads, which only the judge that wrote them knows how to read.
 */
final class HeadFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeadFile() {}

    interface BodyReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    interface BodyWriter {
        void write(DataOutputStream out) throws IOException;
    }

    record Contents<H, T>(H header, T body) {}

    /** Reads a shipped head file; {@code what} names the judge in the error if the file is missing or broken. */
    static <H, T> Contents<H, T> read(String resource, String what, Class<H> headerType, BodyReader<T> body) {
        try (InputStream in = HeadFile.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(what + " head " + resource + " missing from the jar (./parasol judge train writes it)");
            try (DataInputStream data = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)))) { // closes the inflater at once
                H header = JSON.readValue(data.readUTF(), headerType);
                return new Contents<>(header, body.read(data));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the " + what + " head " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Only the header of a shipped head file: what it was trained on and measured, without reading the heads. */
    static <H> H readHeader(String resource, String what, Class<H> headerType) {
        return read(resource, what, headerType, data -> null).header();
    }

    static void write(OutputStream out, Object header, BodyWriter body) throws IOException {
        DataOutputStream data = new DataOutputStream(new GZIPOutputStream(out));
        data.writeUTF(JSON.writeValueAsString(header));
        body.write(data);
        data.close();
    }
}
