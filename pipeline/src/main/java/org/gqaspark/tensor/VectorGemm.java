package org.gqaspark.tensor;

import static org.gqaspark.tensor.GemmMicroKernel.MR;
import static org.gqaspark.tensor.GemmMicroKernel.NR;

/**
 * {@link Gemm} in pure Java with the Vector API ({@code jdk.incubator.vector}), organised as
 * in GotoBLAS and BLIS (Goto and van de Geijn, "Anatomy of High-Performance Matrix
 * Multiplication", ACM TOMS 34(3), 2008).
 *
 * <p>Dimensions: op(A) is [m, k], op(B) is [k, n], C is [m, n], row-major.
 *
 * <p>Steps of one call:
 * <ol>
 *   <li>C is split into one block per thread ({@link GemmPartition}).
 *   <li>Each thread walks its block in column blocks of {@link #nc} and depth blocks of
 *       {@link #kc}, packs that slice of op(B) (kc x nc, sized for the L2 cache), then row
 *       blocks of {@link #mc}, packs that slice of op(A), and runs the micro-kernel on every
 *       MR x NR tile ({@link GemmMicroKernel}). One packed MR-row panel of A (MR x kc) stays
 *       in L1 while the kernel streams the B panels past it.
 *   <li>Tiles are merged into C with alpha and beta; the first depth block applies the
 *       caller's beta and later ones add to it.
 * </ol>
 * Transposed operands are handled while packing, so the kernel is the same for all four
 * cases. Edge tiles are computed on zero-padded panels and merged by a scalar loop.
 *
 * <p>Block sizes default to kc = 256, mc = 144 and nc = 1024, the best of a sweep on one AMD
 * Zen 5 core (1 MB L2) with JDK 17 at n = 1024. They can be set with the system properties
 * {@code gqa.gemm.kc}, {@code gqa.gemm.mc} and {@code gqa.gemm.nc}.
 *
 * <p>As BLAS does, a call with {@code alpha == 0} or {@code k == 0} only scales C by beta
 * and reads neither A nor B.
 *
 * <p>Threads: a call runs on at most {@link #threads()} threads of its {@link ComputePool},
 * the calling thread included, and on the calling thread alone when called from inside a
 * pool's loop body. Calls from several threads are safe; they take turns on the pool.
 */
public final class VectorGemm implements Gemm {

  /** Depth of a packed block. */
  private final int kc;
  /** Rows of a packed block of op(A), a multiple of MR. */
  private final int mc;
  /** Columns of a packed block of op(B), a multiple of NR. */
  private final int nc;

  private final ComputePool pool;
  private final boolean ownsPool;
  /** Packing buffers of each thread that has run a block of this instance. */
  private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

  /** Creates a kernel with its own pool of {@code threads} threads; close it to stop them. */
  public VectorGemm(int threads) {
    this(new ComputePool(threads, "gqa-gemm"), true);
  }

  /**
   * Creates a kernel that runs on a pool owned by the caller, for example the pool that also
   * runs the model's per-head loops; {@link #close()} leaves that pool running.
   */
  public static VectorGemm onPool(ComputePool pool) {
    return new VectorGemm(pool, false);
  }

  private VectorGemm(ComputePool pool, boolean ownsPool) {
    this.pool = pool;
    this.ownsPool = ownsPool;
    this.kc = Integer.getInteger("gqa.gemm.kc", 256);
    this.mc = GemmPartition.roundUp(Integer.getInteger("gqa.gemm.mc", 144), MR);
    this.nc = GemmPartition.roundUp(Integer.getInteger("gqa.gemm.nc", 1024), NR);
  }

  @Override
  public void sgemm(
      boolean transA, boolean transB,
      int m, int n, int k,
      float alpha,
      float[] a, int aOffset, int lda,
      float[] b, int bOffset, int ldb,
      float beta,
      float[] c, int cOffset, int ldc) {
    GemmCall call = new GemmCall(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset,
        ldb, beta, c, cOffset, ldc);
    GemmPartition.run(call, pool, MR, NR, this::multiplyBlock);
  }

  /** Computes a whole call on the current thread. */
  private void multiplyBlock(GemmCall call) {
    Workspace workspace = workspaces.get();
    int m = call.m();
    int n = call.n();
    int k = call.k();
    float[] c = call.c();
    int ldc = call.ldc();

    for (int jc = 0; jc < n; jc += nc) {
      int cols = Math.min(nc, n - jc);
      for (int pc = 0; pc < k; pc += kc) {
        int depth = Math.min(kc, k - pc);
        float beta = pc == 0 ? call.beta() : 1f;
        float[] packedB = workspace.packedB(GemmPacking.packedSize(cols, depth, NR));
        GemmPacking.packB(call, pc, depth, jc, cols, NR, packedB);

        for (int ic = 0; ic < m; ic += mc) {
          int rows = Math.min(mc, m - ic);
          float[] packedA = workspace.packedA(GemmPacking.packedSize(rows, depth, MR));
          GemmPacking.packA(call, ic, rows, pc, depth, MR, packedA);

          for (int ir = 0; ir < rows; ir += MR) {
            int tileRows = Math.min(MR, rows - ir);
            for (int jr = 0; jr < cols; jr += NR) {
              int tileCols = Math.min(NR, cols - jr);
              GemmMicroKernel.multiply(depth, packedA, ir * depth, packedB, jr * depth,
                  workspace.tile);
              int cAt = call.cOffset() + (ic + ir) * ldc + jc + jr;
              GemmMicroKernel.merge(workspace.tile, c, cAt, ldc, tileRows, tileCols,
                  call.alpha(), beta);
            }
          }
        }
      }
    }
  }

  @Override
  public String name() {
    return "java-vector";
  }

  @Override
  public int threads() {
    return pool.threads();
  }

  /** Stops the pool's threads if this kernel created the pool. */
  @Override
  public void close() {
    if (ownsPool) {
      pool.close();
    }
  }

  /** Describes the tile and block sizes, for logs and benchmark records. */
  public static String describeKernel() {
    return "tile " + MR + "x" + NR + " (" + GemmMicroKernel.VECTORS + " vectors of "
        + GemmMicroKernel.LANES + " floats)";
  }

  /** Packing buffers and the tile of one thread, grown on demand and reused across calls. */
  private static final class Workspace {
    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private final float[] tile = new float[MR * NR];

    float[] packedA(int size) {
      if (packedA.length < size) {
        packedA = new float[size];
      }
      return packedA;
    }

    float[] packedB(int size) {
      if (packedB.length < size) {
        packedB = new float[size];
      }
      return packedB;
    }
  }
}
