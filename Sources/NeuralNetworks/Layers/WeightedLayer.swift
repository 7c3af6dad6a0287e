import TensorCore

/// A layer whose trainable parameters are one weight tensor W and one bias b, in that order,
/// with their gradients stored beside them: `Dense`, `Convolution2D`, and `BatchNormalization`
/// (γ and β, which PyTorch also calls `weight` and `bias`; it keeps its own parameter names).
///
/// The bookkeeping `Layer` asks for (the parameter and gradient lists, their names, in-place
/// visiting, zeroing) is the same for every such layer, so it is written once here; a
/// conforming layer writes only its forward and backward passes.
public protocol WeightedLayer: Layer {
    /// W, in the layer's own layout.
    var weights: Tensor { get set }
    /// b, one number per output unit or filter.
    var bias: Tensor { get set }
    /// ∂L/∂W from the last `backward`, shaped like `weights`.
    var weightGradient: Tensor { get set }
    /// ∂L/∂b from the last `backward`, shaped like `bias`.
    var biasGradient: Tensor { get set }
}

extension WeightedLayer {
    /// [W, b]; setting checks that each keeps its shape.
    public var parameters: [Tensor] {
        get { [weights, bias] }
        set {
            check(newValue.count == 2 && newValue[0].shape == weights.shape && newValue[1].shape == bias.shape,
                  "\(kind).parameters: expected weights \(weights.shape) and bias \(bias.shape), got \(newValue.map(\.shape))")
            weights = newValue[0]
            bias = newValue[1]
        }
    }

    /// [∂L/∂W, ∂L/∂b]; setting checks that each keeps its shape.
    public var gradients: [Tensor] {
        get { [weightGradient, biasGradient] }
        set {
            check(newValue.count == 2 && newValue[0].shape == weights.shape && newValue[1].shape == bias.shape,
                  "\(kind).gradients: expected \(weights.shape) and \(bias.shape), got \(newValue.map(\.shape))")
            weightGradient = newValue[0]
            biasGradient = newValue[1]
        }
    }

    public var parameterNames: [String] { ["weights", "bias"] }

    public mutating func visitParameters(_ body: (inout Tensor, Tensor) -> Void) {
        body(&weights, weightGradient)
        body(&bias, biasGradient)
    }

    /// Stores ∂L/∂W and ∂L/∂b from a backward pass: replacing the stored ones, or with
    /// `accumulate` adding to them.
    public mutating func storeGradients(weights dW: Tensor, bias db: Tensor, accumulate: Bool) {
        if accumulate {
            weightGradient.add(dW, scaledBy: 1)
            biasGradient.add(db, scaledBy: 1)
        } else {
            weightGradient = dW
            biasGradient = db
        }
    }

    /// Sets both stored gradients to zero.
    public mutating func zeroGradients() {
        weightGradient = .zeros(weights.shape)
        biasGradient = .zeros(bias.shape)
    }
}
