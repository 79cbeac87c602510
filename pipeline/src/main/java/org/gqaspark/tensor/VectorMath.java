package org.gqaspark.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp and tanh on float vectors from additions, multiplications and fused multiply-adds
 * only, so that a lane's result is the same whether the JIT compiler has compiled the
 * calling loop or not. {@code lanewise(VectorOperators.EXP)} does not promise that: on
 * OpenJDK 17 (x86-64, AVX-512) compiled code and the interpreter return different values for
 * about 1% of inputs in [-15, 5], so two runs of the same training steps in one JVM rounded
 * differently and a run resumed in a new JVM did not repeat an uninterrupted one bitwise.
 *
 * <p>exp follows the Cephes {@code expf} method (Moshier): {@code exp(x) = 2^n exp(r)} with
 * {@code n = rint(x / ln 2)} and {@code |r| <= ln 2 / 2}, a degree-7 polynomial for
 * {@code exp(r)}, and 2^n built in the exponent bits. Measured error against
 * {@code (float) Math.exp}: at most 1 ulp over [-87, 88] (see VectorMathTest).
 */
public final class VectorMath {

  /** Below this, exp returns 0; exp(-87.3365) is the smallest normal float, 2^-126. */
  static final float EXP_MIN = -87.33654f;
  /** Above this, exp returns infinity. */
  static final float EXP_MAX = 88.72283f;
  private static final float LOG2E = 1.44269504088896341f;
  /** ln 2 split so that n * LN2_HI is exact for the n that occur. */
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5 * 2^23: adding and subtracting it rounds a float to the nearest integer (even). */
  private static final float ROUNDER = 12582912f;
  private static final float[] EXP_POLYNOMIAL = {
      1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f,
      1.6666665459e-1f, 5.0000001201e-1f};
  /** tanh(9) rounds to 1 in float; larger arguments are cut to 9 before exp. */
  private static final float TANH_LIMIT = 9f;

  private VectorMath() {}

  /** Returns exp of every lane; NaN lanes stay NaN. */
  public static FloatVector exp(FloatVector x) {
    FloatVector clamped = x.max(EXP_MIN).min(EXP_MAX);

    // n = rint(x log2(e)), r = x - n ln 2 in two parts
    FloatVector n = clamped.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
    FloatVector r = n.fma(constant(x, -LN2_HI), clamped);
    r = n.fma(constant(x, -LN2_LO), r);

    // exp(r) = 1 + r + r^2 P(r)
    FloatVector p = constant(x, EXP_POLYNOMIAL[0]);
    for (int i = 1; i < EXP_POLYNOMIAL.length; i++) {
      p = p.fma(r, constant(x, EXP_POLYNOMIAL[i]));
    }
    FloatVector y = p.mul(r).fma(r, r).add(1f);

    // 2^n from the exponent bits; n = 128 at the upper clamp gives infinity
    IntVector exponent = (IntVector) n.convert(VectorOperators.F2I, 0);
    FloatVector scale = exponent.add(127).lanewise(VectorOperators.LSHL, 23)
        .reinterpretAsFloats();
    VectorMask<Float> underflow = x.compare(VectorOperators.LT, EXP_MIN);
    return y.mul(scale).blend(0f, underflow);
  }

  private static FloatVector constant(FloatVector like, float value) {
    return FloatVector.broadcast(like.species(), value);
  }

  /** Returns tanh of every lane: {@code sign(x) (e - 1) / (e + 1)} with {@code e = exp(2|x|)}. */
  public static FloatVector tanh(FloatVector x) {
    FloatVector magnitude = x.abs().min(TANH_LIMIT);
    FloatVector e = exp(magnitude.mul(2f));
    FloatVector t = e.sub(1f).div(e.add(1f));
    return t.blend(t.neg(), x.compare(VectorOperators.LT, 0f));
  }
}
