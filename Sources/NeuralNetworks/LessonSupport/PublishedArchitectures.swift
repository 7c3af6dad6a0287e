import TensorCore

/// The parameter count of a published image network, split into the part that slides over the
/// image (convolutions, with batch normalization's γ and β where the network has it) and the
/// fully connected part at its end.
public struct ArchitectureSize: Sendable, Equatable {
    /// Weights and biases of the convolutions, plus two numbers per channel of each batch normalization.
    public let convolutional: Int
    /// Weights and biases of the fully connected layers.
    public let dense: Int
    /// All trainable numbers.
    public var total: Int { convolutional + dense }
}

/// Parameter counts of two famous ImageNet networks, recomputed from their published layer
/// lists as torchvision builds them (224 × 224 RGB input, 1000 classes), so that a lesson can
/// check the sizes the notes quote instead of copying them. Lessons 09 and 10 both use them.
public enum PublishedArchitectures {
    /// A dense layer from n to m units, with bias: n·m + m.
    private static func dense(_ n: Int, _ m: Int) -> Int { n * m + m }

    /// VGG-16 (Simonyan and Zisserman, configuration D): thirteen 3 × 3 convolutions with
    /// padding 1 and bias in five blocks, each block ending in a 2 × 2 max pool (224 → 7), then
    /// dense layers 7·7·512 → 4096 → 4096 → 1000. Total 138,357,544.
    public static var vgg16: ArchitectureSize {
        let blocks = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]]
        var convolutional = 0, channels = 3, side = 224
        for block in blocks {
            for filters in block {
                convolutional += Convolution2D.parameterCount(inputChannels: channels, filters: filters, kernelSize: 3)
                channels = filters
            }
            side = SlidingWindow.outputSize(inputSize: side, size: 2, stride: 2)
        }
        let fullyConnected = dense(channels * side * side, 4096) + dense(4096, 4096) + dense(4096, 1000)
        return ArchitectureSize(convolutional: convolutional, dense: fullyConnected)
    }

    /// A bottleneck ResNet (He et al.) with `blocksPerStage[i]` blocks in stage i: a 7 × 7 stem
    /// convolution from 3 to 64 channels, then the stages' bottleneck blocks (1 × 1, 3 × 3, 1 × 1
    /// convolutions, 64, 128, 256, 512 channels wide with four times as many outputs), the first
    /// block of each stage adding a 1 × 1 projection of its input; every convolution is without
    /// bias and followed by batch normalization (γ and β per channel). Global average pooling,
    /// then one dense layer to 1000 classes. [3, 4, 6, 3] is ResNet-50, [3, 8, 36, 3] ResNet-152.
    public static func bottleneckResNet(blocksPerStage: [Int]) -> ArchitectureSize {
        check(blocksPerStage.count == 4 && blocksPerStage.allSatisfy { $0 > 0 },
              "PublishedArchitectures.bottleneckResNet: need 4 stages of at least one block, got \(blocksPerStage)")
        /// A convolution without bias from c to f channels, k × k, and its batch normalization.
        func normalizedConvolution(_ c: Int, _ f: Int, _ k: Int) -> Int {
            Convolution2D.parameterCount(inputChannels: c, filters: f, kernelSize: k, bias: false) + 2 * f
        }
        var convolutional = normalizedConvolution(3, 64, 7), channels = 64
        for (planes, blocks) in zip([64, 128, 256, 512], blocksPerStage) {
            for block in 0..<blocks {
                convolutional += normalizedConvolution(channels, planes, 1) + normalizedConvolution(planes, planes, 3)
                    + normalizedConvolution(planes, 4 * planes, 1)
                if block == 0 { convolutional += normalizedConvolution(channels, 4 * planes, 1) }
                channels = 4 * planes
            }
        }
        return ArchitectureSize(convolutional: convolutional, dense: dense(channels, 1000))
    }

    /// ResNet-152: `bottleneckResNet` with [3, 8, 36, 3] blocks. Total 60,192,808.
    public static var resnet152: ArchitectureSize { bottleneckResNet(blocksPerStage: [3, 8, 36, 3]) }
}
