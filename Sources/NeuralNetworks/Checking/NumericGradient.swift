import TensorCore

/// The central-difference gradient of a scalar function of a tensor:
/// nᵢ = (f(x + h eᵢ) − f(x − h eᵢ)) / 2h for every element i, in the shape of `point`.
///
/// Costs 2 · `point.count` evaluations of `f`. The error is of order h² (truncation) plus
/// ε·|f|/h (rounding, ε ≈ 1.1e-16), so h ≈ 1e-5 suits functions of order 1.
public func numericGradient(at point: Tensor, step: Double = 1e-5, _ f: (Tensor) -> Double) -> Tensor {
    var x = point
    var gradient = Tensor.zeros(point.shape)
    for i in 0..<point.count {
        let original = point.scalars[i]
        x.withUnsafeMutableBufferPointer { $0[i] = original + step }
        let plus = f(x)
        x.withUnsafeMutableBufferPointer { $0[i] = original - step }
        let minus = f(x)
        x.withUnsafeMutableBufferPointer { $0[i] = original }
        gradient.withUnsafeMutableBufferPointer { $0[i] = (plus - minus) / (2 * step) }
    }
    return gradient
}

/// How well an analytic gradient tensor agrees with its central-difference estimate, measured
/// on the whole tensor: ‖a − n‖ / max(‖a‖, ‖n‖) (Euclidean norms).
///
/// The element-wise relative error of `GradientCheckResult` is the sharper test of a single
/// entry, but in deep networks some entries are tiny (1e-6 and below: vanishing gradients)
/// and their finite differences carry an absolute rounding noise of about 1e-11, so their
/// element-wise error says more about the noise than about the backward pass. The norm-wise
/// error weighs every entry by its size; a correct backward pass gives about 1e-9 or less.
public struct GradientAgreement: Sendable, CustomStringConvertible {
    /// What was compared, such as "layer 0 weights".
    public var label: String
    /// ‖a − n‖ / max(‖a‖, ‖n‖), or 0 when both are zero.
    public var relativeError: Double
    /// max |aᵢ − nᵢ|.
    public var maxAbsoluteError: Double
    /// ‖a‖, the size of the analytic gradient.
    public var analyticNorm: Double

    /// Compares two gradients of the same shape.
    public init(label: String, analytic: Tensor, numeric: Tensor) {
        check(analytic.shape == numeric.shape,
                     "GradientAgreement: analytic \(analytic.shape) and numeric \(numeric.shape) differ in shape")
        let difference = analytic - numeric
        let scale = Swift.max(analytic.norm(), numeric.norm())
        self.label = label
        self.relativeError = scale == 0 ? 0 : difference.norm() / scale
        self.maxAbsoluteError = difference.scalars.reduce(0) { Swift.max($0, abs($1)) }
        self.analyticNorm = analytic.norm()
        if relativeError.isNaN { relativeError = .infinity }
    }

    public var description: String {
        "\(label): relative error \(relativeError) (max absolute \(maxAbsoluteError), ‖gradient‖ \(analyticNorm))"
    }
}

extension Sequential {
    /// Compares the back-propagated gradient of every parameter tensor (W₁, b₁, W₂, …) for
    /// `loss` on one batch with central differences, tensor by tensor (see `GradientAgreement`).
    /// The network is not changed.
    public func gradientAgreement(loss: Loss, input: Tensor, target: Tensor,
                                  step: Double = 1e-5) -> [GradientAgreement] {
        var analyticNetwork = self
        analyticNetwork.computeGradients(input: input, target: target, loss: loss)
        var probe = self
        return (0..<parameterTensorCount).map { index in
            let original = probe[parameter: index]
            let numeric = numericGradient(at: original, step: step) { value in
                probe[parameter: index] = value
                return loss.value(prediction: probe.predict(input), target: target)
            }
            probe[parameter: index] = original
            return GradientAgreement(label: parameterName(index), analytic: analyticNetwork.gradient(index),
                                     numeric: numeric)
        }
    }
}
