import TensorCore

/// The outcome of comparing an analytic gradient with central finite differences.
///
/// For each element i the numeric derivative is nᵢ = (f(x + h eᵢ) − f(x − h eᵢ)) / 2h, and the
/// relative error is |aᵢ − nᵢ| / max(|aᵢ|, |nᵢ|, tiny). The result reports the worst element.
/// Rule of thumb (CS231n): below 1e-7 is excellent, around 1e-4 suspicious near kinks, above
/// 1e-2 a bug.
public struct GradientCheckResult: Sendable, CustomStringConvertible {
    /// What was checked, such as "layer 0 weights".
    public var label: String
    /// The largest relative error over all elements.
    public var maxRelativeError: Double
    /// The flat (row-major) index of the element with that error.
    public var worstIndex: Int
    /// The analytic derivative at `worstIndex`.
    public var analytic: Double
    /// The numeric derivative at `worstIndex`.
    public var numeric: Double
    /// How many elements were compared.
    public var elementCount: Int

    /// Whether the worst relative error is below `tolerance` (default 1e-6).
    public func passes(tolerance: Double = 1e-6) -> Bool { maxRelativeError < tolerance }

    public var description: String {
        "\(label): max relative error \(maxRelativeError) at index \(worstIndex) "
            + "(analytic \(analytic), numeric \(numeric)) over \(elementCount) elements"
    }
}

/// Compares `analyticGradient` with central finite differences of the scalar function `f` at
/// `point`, element by element.
///
/// - Parameters:
///   - step: h in (f(x + h) − f(x − h)) / 2h; about 1e-5 balances truncation (∝ h²) against
///     rounding (∝ ε/h) in double precision.
///   - tiny: the floor of the denominator, so that two near-zero derivatives do not divide 0 by 0.
public func checkGradient(label: String = "x", at point: Tensor, analyticGradient: Tensor,
                          step: Double = 1e-5, tiny: Double = 1e-12,
                          _ f: (Tensor) -> Double) -> GradientCheckResult {
    check(point.shape == analyticGradient.shape,
                 "checkGradient: point \(point.shape) and gradient \(analyticGradient.shape) differ in shape")
    let analytic = analyticGradient.scalars
    let numeric = numericGradient(at: point, step: step, f).scalars
    var result = GradientCheckResult(label: label, maxRelativeError: 0, worstIndex: 0,
                                     analytic: analytic.first ?? 0, numeric: numeric.first ?? 0,
                                     elementCount: point.count)
    for i in 0..<point.count {
        let error = relativeError(analytic[i], numeric[i], tiny: tiny)
        if error > result.maxRelativeError {
            result.maxRelativeError = error
            result.worstIndex = i
            result.analytic = analytic[i]
            result.numeric = numeric[i]
        }
    }
    return result
}

/// |a − n| / max(|a|, |n|, tiny); NaN counts as an infinite error.
func relativeError(_ a: Double, _ n: Double, tiny: Double) -> Double {
    let error = abs(a - n) / Swift.max(abs(a), abs(n), tiny)
    return error.isNaN ? .infinity : error
}

extension Sequential {
    /// Checks the back-propagated gradient of every parameter (W₁, b₁, W₂, …) for `loss` on one
    /// batch against central finite differences, returning one result per parameter tensor.
    ///
    /// The network itself is not changed: the check runs on copies. Avoid inputs that put a
    /// pre-activation exactly on a kink (ReLU at 0), where the two sides disagree legitimately.
    /// With a loss of order 1 the numeric derivative carries rounding noise of about 1e-11, so a
    /// true derivative of 1e-6 shows a relative error near 1e-5; pass `tiny: 1e-5` to measure
    /// such small derivatives against that floor instead of against themselves.
    ///
    /// Modes: the analytic side is one training pass (`forward`, `backward`), the numeric side
    /// evaluates the loss with `predict`, i.e. in inference mode. The two are the same function
    /// only for layers that behave alike in both modes (dense, activations, convolution,
    /// pooling, residual blocks). Dropout and batch normalization in training mode compute
    /// something else than at inference (random masks, batch statistics), so for them this
    /// check compares two different functions: check such a layer on its own, as its tests do.
    public func checkGradients(loss: Loss, input: Tensor, target: Tensor,
                               step: Double = 1e-5, tiny: Double = 1e-12) -> [GradientCheckResult] {
        var analyticNetwork = self
        analyticNetwork.computeGradients(input: input, target: target, loss: loss)
        var probe = self
        return (0..<parameterTensorCount).map { index in
            let original = probe[parameter: index]
            let result = checkGradient(label: parameterName(index), at: original,
                                       analyticGradient: analyticNetwork.gradient(index),
                                       step: step, tiny: tiny) { value in
                probe[parameter: index] = value
                return loss.value(prediction: probe.predict(input), target: target)
            }
            probe[parameter: index] = original
            return result
        }
    }
}
