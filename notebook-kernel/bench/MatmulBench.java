import org.tensorflow.EagerSession;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The plain-Java side of the in-cell matmul benchmark. bench_kernel.py sends the
 * lines between BEGIN CELL and END CELL to the kernel as a cell, so both sides
 * time exactly the same code.
 *
 * Run: java -cp 'notebook-kernel/kernel/target/lib/*' MatmulBench.java WARMUP RUNS
 */
public class MatmulBench {
    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        // BEGIN CELL
        var mmSession = EagerSession.create();
        var mmOps = Ops.create(mmSession);
        var mmRandom = new java.util.Random(42);
        float[][] mmData = new float[1024][1024];
        for (int i = 0; i < 1024; i++) for (int j = 0; j < 1024; j++) mmData[i][j] = mmRandom.nextFloat();
        var mmInput = mmOps.constant(mmData);
        for (int i = 0; i < warmup; i++) mmOps.linalg.matMul(mmInput, mmInput).asTensor();
        long[] mmNanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            TFloat32 product = mmOps.linalg.matMul(mmInput, mmInput).asTensor();
            mmNanos[i] = System.nanoTime() - t0;
        }
        mmSession.close();
        System.out.println("MATMUL_NS " + java.util.Arrays.toString(mmNanos));
        // END CELL
    }
}
