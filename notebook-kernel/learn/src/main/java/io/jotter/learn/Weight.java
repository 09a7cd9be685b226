package io.jotter.learn;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** One variable's values copied out of TensorFlow: flat, row-major, with the variable's shape. */
record Weight(long[] shape, float[] values) {
    static Weight of(TFloat32 tensor) {
        float[] values = new float[(int) tensor.shape().size()];
        tensor.copyTo(DataBuffers.of(values, false, false));
        return new Weight(tensor.shape().asArray(), values);
    }

    TFloat32 toTensor() {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }
}
