package io.jotter.kernel.display;

import io.jotter.learn.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArray;

/**
 * TensorFlow Java values: tensors, eager operands and NdArrays, shown with their dtype and
 * shape (and an eager operand with the device it was computed on), as NumPy-style text and as an HTML table up to two dimensions. Only reached for
 * values whose class names say they are TensorFlow's, since loading these classes loads
 * TensorFlow's native library.
 */
final class TensorRenderer {
    private TensorRenderer() {
    }

    static MimeBundle render(Object value) {
        if (value instanceof Operand<?> operand && !(value instanceof Tensor)) {
            return renderOperand(operand);
        }
        return render(value, "");
    }

    /** @param device where the value was computed ({@code GPU:0}), or empty */
    private static MimeBundle render(Object value, String device) {
        if (!(value instanceof NdArray<?> array)) {
            // A RawTensor has no typed element access: its dtype and shape are what it can say.
            Tensor tensor = (Tensor) value;
            return MimeBundle.text(value.getClass().getSimpleName() + "(dtype=" + dtypeOf(tensor)
                    + ", shape=" + tensor.shape() + (device.isEmpty() ? "" : ", device=" + device) + ")");
        }
        TensorView view = new TensorView(kindOf(value), dtypeOf(value), array.shape().asArray(), array::getObject)
                .on(device);
        MimeBundle bundle = MimeBundle.text(TensorFormat.text(view));
        String html = TensorFormat.html(view);
        return html == null ? bundle : bundle.with(MimeBundle.HTML, html);
    }

    private static MimeBundle renderOperand(Operand<?> operand) {
        Tensor tensor;
        try {
            tensor = operand.asTensor();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            // A graph-mode operand has no value until a session runs it: show what it is instead.
            return MimeBundle.text(operand.getClass().getSimpleName() + "(type=" + operand.type().getSimpleName()
                    + ", shape=" + operand.shape() + ")");
        }
        return render(tensor, Tensors.deviceOf(operand));
    }

    /** FLOAT rather than the protocol buffer constant DT_FLOAT. */
    private static String dtypeOf(Object value) {
        return value instanceof Tensor tensor ? tensor.dataType().name().replaceFirst("^DT_", "")
                : elementTypeOf(value.getClass());
    }

    /** The public TensorFlow type (TFloat32) rather than its hidden implementation class. */
    private static String kindOf(Object value) {
        Class<?> type = value.getClass();
        for (Class<?> implemented : type.getInterfaces()) {
            if (implemented.getName().startsWith("org.tensorflow.")) {
                return implemented.getSimpleName();
            }
        }
        return type.getSimpleName();
    }

    /** FLOAT for a FloatNdArray and so on; NdArrays that are not tensors carry no DataType. */
    private static String elementTypeOf(Class<?> type) {
        for (String primitive : new String[] {"Float", "Double", "Int", "Long", "Boolean", "Byte", "Short"}) {
            if (TypeNames.isA(type, "org.tensorflow.ndarray." + primitive + "NdArray")) {
                return primitive.toUpperCase(java.util.Locale.ROOT);
            }
        }
        return "OBJECT";
    }
}
