import TensorCore

/// One sample's forward and backward pass in the main lecture's notation, keeping every
/// intermediate value so that a lesson can print it beside the notes.
///
/// Layers are numbered as in the notes: the input is layer 1 and the output is layer L. Layer l
/// (for l = 2 … L) has the weight matrix wˡ of shape `[nₗ, nₗ₋₁]`, whose row j holds the weights
/// wˡⱼₖ that unit j puts on unit k of the layer before, a bias vector bˡ `[nₗ]` and an activation σ.
/// (This is the transpose of `Dense`, whose weights are `[inputs, outputs]`; `sequential()`
/// converts.) The cost is the notes' Cⁱ = ½‖y − aᴸ‖², and with δˡ = ∂C/∂zˡ:
///
///     zˡ = wˡ aˡ⁻¹ + bˡ,  aˡ = σ(zˡ)                        (forward)
///     δᴸ = (aᴸ − y) ⊙ σ′(zᴸ)                                (1)
///     δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)                           (2)
///     ∂C/∂wˡⱼₖ = δˡⱼ aˡ⁻¹ₖ                                    (3)
///     ∂C/∂bˡⱼ = δˡⱼ                                           (4)
///
/// Everything is written with index loops, on purpose: this type is for reading and for small
/// worked examples, not for training (use `Sequential` for that).
public struct BackpropagationTrace: Sendable {
    /// wˡ for l = 2 … L (index 0 holds w²), each `[nₗ, nₗ₋₁]`.
    public let weights: [Tensor]
    /// bˡ for l = 2 … L, each `[nₗ]`.
    public let biases: [Tensor]
    /// σ of each layer l = 2 … L.
    public let activations: [Activation]
    /// The label y, `[n_L]`.
    public let label: Tensor
    /// z², …, zᴸ.
    public private(set) var preActivations: [Tensor] = []
    /// a¹ = x, a², …, aᴸ.
    public private(set) var layerOutputs: [Tensor] = []
    /// ∂C/∂aᴸ = aᴸ − y.
    public private(set) var costGradient: Tensor
    /// δ², …, δᴸ.
    public private(set) var deltas: [Tensor] = []
    /// ∂C/∂wˡ, shaped like wˡ, for l = 2 … L.
    public private(set) var weightGradients: [Tensor] = []
    /// ∂C/∂bˡ, for l = 2 … L.
    public private(set) var biasGradients: [Tensor] = []
    /// C = ½‖y − aᴸ‖².
    public private(set) var cost: Double = 0

    /// Runs the forward and the backward pass for one input `[n₁]` and its label `[n_L]`.
    public init(weights: [Tensor], biases: [Tensor], activations: [Activation], input: Tensor, label: Tensor) {
        check(!weights.isEmpty && weights.count == biases.count && weights.count == activations.count,
                     "BackpropagationTrace: \(weights.count) weight matrices, \(biases.count) biases, \(activations.count) activations")
        check(input.rank == 1, "BackpropagationTrace: the input must be a vector, got \(input.shape)")
        var width = input.count
        for (i, w) in weights.enumerated() {
            check(w.rank == 2 && w.shape[1] == width,
                         "BackpropagationTrace: w\(i + 2) has shape \(w.shape), expected [n, \(width)]")
            check(biases[i].shape == [w.shape[0]],
                         "BackpropagationTrace: b\(i + 2) has shape \(biases[i].shape), expected [\(w.shape[0])]")
            width = w.shape[0]
        }
        check(label.shape == [width], "BackpropagationTrace: label \(label.shape), expected [\(width)]")
        self.weights = weights
        self.biases = biases
        self.activations = activations
        self.label = label
        self.costGradient = .zeros([width])

        // Forward: zˡⱼ = Σₖ wˡⱼₖ aˡ⁻¹ₖ + bˡⱼ, aˡⱼ = σ(zˡⱼ).
        layerOutputs = [input]
        for (i, w) in weights.enumerated() {
            let previous = layerOutputs[i]
            var z = biases[i]
            for j in 0..<w.shape[0] {
                for k in 0..<w.shape[1] { z[j] += w[j, k] * previous[k] }
            }
            preActivations.append(z)
            layerOutputs.append(activations[i](z))
        }

        // (1): δᴸ = (aᴸ − y) ⊙ σ′(zᴸ).
        let output = layerOutputs[weights.count]
        costGradient = output - label
        cost = 0.5 * costGradient.scalars.reduce(0) { $0 + $1 * $1 }
        var delta = costGradient * activations[weights.count - 1].derivative(preActivations[weights.count - 1])
        deltas = Array(repeating: delta, count: weights.count)

        // (2): δˡⱼ = Σₖ δˡ⁺¹ₖ wˡ⁺¹ₖⱼ σ′(zˡⱼ), from the last hidden layer down to layer 2.
        for i in stride(from: weights.count - 2, through: 0, by: -1) {
            let next = weights[i + 1]
            let slope = activations[i].derivative(preActivations[i])
            var current = Tensor.zeros([next.shape[1]])
            for j in 0..<next.shape[1] {
                var sum = 0.0
                for k in 0..<next.shape[0] { sum += delta[k] * next[k, j] }
                current[j] = sum * slope[j]
            }
            delta = current
            deltas[i] = delta
        }

        // (3) and (4): ∂C/∂wˡⱼₖ = δˡⱼ aˡ⁻¹ₖ and ∂C/∂bˡⱼ = δˡⱼ.
        for (i, w) in weights.enumerated() {
            var gradient = Tensor.zeros(w.shape)
            for j in 0..<w.shape[0] {
                for k in 0..<w.shape[1] { gradient[j, k] = deltas[i][j] * layerOutputs[i][k] }
            }
            weightGradients.append(gradient)
            biasGradients.append(deltas[i])
        }
    }

    /// The number of layers L, the input layer included.
    public var layerCount: Int { weights.count + 1 }
    /// The network's output aᴸ.
    public var output: Tensor { layerOutputs[weights.count] }

    /// aˡ, with l numbered as in the notes (a¹ is the input).
    public func a(_ l: Int) -> Tensor { layerOutputs[l - 1] }
    /// zˡ for l = 2 … L.
    public func z(_ l: Int) -> Tensor { preActivations[l - 2] }
    /// δˡ for l = 2 … L.
    public func delta(_ l: Int) -> Tensor { deltas[l - 2] }
    /// ∂C/∂wˡ for l = 2 … L, shaped like wˡ.
    public func weightGradient(_ l: Int) -> Tensor { weightGradients[l - 2] }
    /// ∂C/∂bˡ for l = 2 … L.
    public func biasGradient(_ l: Int) -> Tensor { biasGradients[l - 2] }

    /// The same network as `Dense` layers (weights transposed to `[inputs, outputs]`), for
    /// checking the trace against the library's batched backward pass.
    public func sequential() -> Sequential {
        Sequential(weights.indices.map {
            Dense(weights: weights[$0].transposed(), bias: biases[$0], activation: activations[$0])
        })
    }
}
