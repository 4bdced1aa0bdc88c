package io.bidtrack.engine.compat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** INCRBYFLOAT: Redis computes in long double and prints "%.17Lf" without trailing zeros. */
class FloatCounterCompatibilityTest extends CompatibilityTest {

    @Test
    void formatsLikeRedis() {
        sameAll("INCRBYFLOAT f 10.5", "INCRBYFLOAT f 0.1", "INCRBYFLOAT f -5", "INCRBYFLOAT f 3.0e3", "GET f",
                "INCRBYFLOAT a 0.1", "INCRBYFLOAT a 0.2", "INCRBYFLOAT a 0.3", "INCRBYFLOAT a -0.6",
                "INCRBYFLOAT b 1e-20", "INCRBYFLOAT b 5.0e-18", "INCRBYFLOAT c 1.23456789012345678901",
                "INCRBYFLOAT d -0.0", "INCRBYFLOAT e 1e30", "INCRBYFLOAT e 1", "INCRBYFLOAT g 1e300",
                "INCRBYFLOAT h 3.14159265358979323846", "INCRBYFLOAT h 2.718281828459045",
                "INCRBYFLOAT i +.5", "INCRBYFLOAT i 5.", "INCRBYFLOAT i 1E2", "INCRBYFLOAT j -1.1",
                "INCRBYFLOAT j 1.1", "SET n 10", "INCRBYFLOAT n 1", "SET n 5.0e3", "INCRBYFLOAT n 1",
                "INCRBYFLOAT k 1e4000", "INCRBYFLOAT m 9223372036854775807", "INCRBYFLOAT m 1",
                "INCRBYFLOAT o 0.00000000000000001", "INCRBYFLOAT o 0.000000000000000005",
                "INCRBYFLOAT x 0x10", "INCRBYFLOAT x 0x1p-2", "INCRBYFLOAT x 0x.8", "INCRBYFLOAT x -0X1.8P1",
                "INCRBYFLOAT x +0xA.", "INCRBYFLOAT x 0x1P+3", "INCRBYFLOAT x 1.e2", "INCRBYFLOAT x 1E+2",
                "INCRBYFLOAT x 0x", "INCRBYFLOAT x 0x1p", "INCRBYFLOAT x 0xg", "INCRBYFLOAT x 0x1p99999",
                "INCRBYFLOAT x 0x1p-99999", "INCRBYFLOAT x 0x1p16383", "INCRBYFLOAT x 0x1p16384",
                "INCRBYFLOAT x 0x.p1", "INCRBYFLOAT x 1e+", "INCRBYFLOAT x .5e1", "GET x");
    }

    @Test
    void rejectsWhatRedisRejects() {
        sameAll("INCRBYFLOAT f abc", "INCRBYFLOAT f \"\"", "INCRBYFLOAT f \" 1\"", "INCRBYFLOAT f \"1 \"",
                "INCRBYFLOAT f nan", "INCRBYFLOAT f inf", "INCRBYFLOAT f -inf", "INCRBYFLOAT f Infinity",
                "INCRBYFLOAT f 1e99999", "INCRBYFLOAT f 1e-99999", "INCRBYFLOAT f 1.2.3", "INCRBYFLOAT f -",
                "INCRBYFLOAT f .", "INCRBYFLOAT f e5", "INCRBYFLOAT f 1e", "EXISTS f", "SET s abc",
                "INCRBYFLOAT s 1", "HSET h f v", "INCRBYFLOAT h 1", "INCRBYFLOAT h abc", "INCRBYFLOAT f",
                "INCRBYFLOAT", "SET t 1 EX 100", "INCRBYFLOAT t 1.5", "TTL t");
    }

    /** Random decimal increments, so rounding to 64 significant bits is exercised, not just short sums. */
    @Test
    void randomSums() {
        Random random = new Random(42);
        for (int i = 0; i < 400; i++) {
            String increment = switch (random.nextInt(4)) {
                case 0 -> Integer.toString(random.nextInt(2001) - 1000) + "." + random.nextInt(1000);
                case 1 -> String.format(java.util.Locale.ROOT, "%.6e", (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20));
                case 2 -> Double.toString(random.nextGaussian());
                default -> Long.toString(random.nextLong() >> random.nextInt(63));
            };
            same("INCRBYFLOAT k" + (i % 7) + " " + increment);
        }
    }
}
