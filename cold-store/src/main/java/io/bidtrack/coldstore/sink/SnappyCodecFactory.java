package io.bidtrack.coldstore.sink;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Snappy for Parquet pages through snappy-java directly. Parquet's own codec factory builds a Hadoop
 * {@code Configuration} to look its codecs up, and that class alone needs woodstox, commons-collections
 * and more of Hadoop's dependency tree; this factory keeps all of it off the classpath. Parquet's
 * SNAPPY is the raw (unframed) Snappy block format, which is what {@link Snappy#compress} writes.
 */
public final class SnappyCodecFactory implements CompressionCodecFactory {
    public static final SnappyCodecFactory INSTANCE = new SnappyCodecFactory();

    private SnappyCodecFactory() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        requireSnappy(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return BytesInput.from(Snappy.compress(bytes.toByteArray()));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return CompressionCodecName.SNAPPY;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        requireSnappy(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                byte[] compressed = bytes.toByteArray();
                byte[] out = new byte[uncompressedSize];
                int n = Snappy.uncompress(compressed, 0, compressed.length, out, 0);
                if (n != uncompressedSize) {
                    throw new IOException("snappy page decompressed to " + n + " bytes, expected " + uncompressedSize);
                }
                return BytesInput.from(out);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] compressed = new byte[compressedSize];
                input.get(compressed);
                output.put(decompress(BytesInput.from(compressed), uncompressedSize).toByteArray());
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }

    private static void requireSnappy(CompressionCodecName codec) {
        if (codec != CompressionCodecName.SNAPPY) {
            throw new IllegalArgumentException("the lake is written and read with SNAPPY only, not " + codec);
        }
    }
}
