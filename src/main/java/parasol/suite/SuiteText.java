package parasol.suite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns a suite file's bytes into text, or into one clear problem: suites are UTF-8, and a file that
 * is binary, compressed, UTF-16 or in a legacy encoding is named as such instead of failing deep in
 * a parser (or, worse, being read with replacement characters).
 */
final class SuiteText {
    /** Far above any real suite (the published INTIMA file is well under 1 MB); keeps memory bounded. */
    static final long MAX_BYTES = 64L << 20;

    private SuiteText() {}

    static String read(Path file) throws SuiteFormatException {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) throw fail(file, "is a directory, not a suite file");
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw fail(file, "file is " + (size >> 20) + " MB; suite files over " + (MAX_BYTES >> 20) + " MB are not read");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fail(file, "no such file");
        } catch (AccessDeniedException e) {
            throw fail(file, "cannot read the file: permission denied");
        } catch (IOException e) {
            throw fail(file, "cannot read the file: " + e.getMessage());
        }
        return decode(file, bytes);
    }

    static String decode(Path file, byte[] b) throws SuiteFormatException {
        String kind = binaryKind(b);
        if (kind != null) throw fail(file, kind);
        int start = startsWith(b, 0xEF, 0xBB, 0xBF) ? 3 : 0; // UTF-8 byte-order mark, written by some editors
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L, (long) b.length + 1));
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        if (r.isError()) {
            int at = in.position();
            throw new SuiteFormatException(List.of(new SuiteProblem(file, lineAt(b, at), null, String.format(Locale.ROOT,
                    "not UTF-8 text (byte 0x%02X at byte offset %d cannot be decoded); save the file as UTF-8", b[at] & 0xFF, at))));
        }
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new SuiteFormatException(List.of(new SuiteProblem(file, lineAt(b, start + utf8Length(text, nul)), null,
                    "binary data (a NUL character), not a text suite file")));
        }
        return text;
    }

    /** Names formats recognisable from their first bytes, or returns null for what may be text. */
    private static String binaryKind(byte[] b) {
        // UTF-32 first: its little-endian mark begins with UTF-16's.
        if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) {
            return "the file is UTF-32 text; save it as UTF-8";
        }
        if (startsWith(b, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE)) return "the file is UTF-16 text; save it as UTF-8";
        if (looksLikeUtf16(b)) return "the file looks like UTF-16 text (every other byte is zero); save it as UTF-8";
        if (startsWith(b, 'P', 'A', 'R', '1')) {
            return "the file is Parquet, which is not read yet; convert it to JSON lines or CSV";
        }
        if (startsWith(b, 0x1F, 0x8B)) return "the file is gzip-compressed; decompress it first";
        if (startsWith(b, 'P', 'K', 0x03, 0x04)) return "the file is a zip archive (or a spreadsheet); export or extract the suite as UTF-8 text";
        return null;
    }

    /** UTF-16 without a mark: ASCII text in it has a zero byte in every other position. */
    private static boolean looksLikeUtf16(byte[] b) {
        int n = Math.min(b.length, 64) & ~1;
        if (n < 4) return false;
        int evenZero = 0, oddZero = 0;
        for (int i = 0; i < n; i += 2) {
            if (b[i] == 0) evenZero++;
            if (b[i + 1] == 0) oddZero++;
        }
        int pairs = n / 2;
        return (evenZero * 4 >= pairs * 3 && oddZero == 0) || (oddZero * 4 >= pairs * 3 && evenZero == 0);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
        return true;
    }

    /** The 1-based line of a byte offset, counting \n, \r\n and a lone \r as parsers do. */
    static long lineAt(byte[] b, int offset) {
        long line = 1;
        for (int i = 0; i < offset && i < b.length; i++) {
            if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= b.length || b[i + 1] != '\n'))) line++;
        }
        return line;
    }

    private static int utf8Length(String s, int chars) {
        return s.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
    }

    private static SuiteFormatException fail(Path file, String message) {
        return new SuiteFormatException(List.of(SuiteProblem.ofFile(file, message)));
    }
}
