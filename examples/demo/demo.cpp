// SPDX-License-Identifier: Apache-2.0
// The README's main job: a miniature UCF-101 round trip through vidata's foundation, printing each step.
//
// 1. write a miniature dataset's official annotation files (classInd.txt, trainlist01.txt, testlist01.txt);
// 2. read them back into video_records with vidata's line reader;
// 3. draw class-dependent clip features from the counter-based rng (one independent stream per video);
// 4. score the test split with a nearest-class-mean classifier fitted on the train split;
// 5. evaluate the scores: top-1/top-3 accuracy, mean class accuracy and the confusion matrix;
// 6. save the scores as MMAction2's tools/test.py --out does (results.pkl) and as scores.npy;
// 7. read both back through the safe readers and check them bit for bit; let Python (pickle + numpy)
//    read them too and recompute the accuracies independently;
// 8. show them with `vidata inspect`.
// Usage: vidata_demo [--vidata PATH_TO_CLI] [OUTPUT_DIR]
#include <vidata/core/rng.hpp>
#include <vidata/core/video_record.hpp>
#include <vidata/io/atomic_file.hpp>
#include <vidata/io/line_reader.hpp>
#include <vidata/io/ndarray.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/io/pickle/dump.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/read_file.hpp>
#include <vidata/metrics/confusion_matrix.hpp>
#include <vidata/metrics/mean_class_accuracy.hpp>
#include <vidata/metrics/top_k_accuracy.hpp>
#include <vidata/version.hpp>

#include <Eigen/Core>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The first five classes of UCF-101, as classInd.txt numbers them (1-based).
constexpr std::array<const char*, 5> class_names{"ApplyEyeMakeup", "ApplyLipstick", "Archery", "BabyCrawling", "BalanceBeam"};
constexpr int feature_dim = 16;
constexpr std::uint64_t seed = 2026;
// Noisy enough that some test videos land nearer another class's mean: the metrics have something to measure.
constexpr double noise_sigma = 1.0;

std::string video_name(int cls, int group, int clip) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%s/v_%s_g%02d_c%02d.avi", class_names[static_cast<std::size_t>(cls)],
                  class_names[static_cast<std::size_t>(cls)], group, clip);
    return buf;
}

// UCF-101's split 1 puts groups 1-7 in the test list and 8-25 in the train list; the demo keeps a few of each.
void write_official_files(const fs::path& root) {
    vidata::atomic_file class_ind(root / "classInd.txt");
    for (std::size_t c = 0; c < class_names.size(); ++c) class_ind.stream() << c + 1 << ' ' << class_names[c] << "\r\n";
    class_ind.commit();

    vidata::atomic_file train(root / "trainlist01.txt");
    vidata::atomic_file test(root / "testlist01.txt");
    for (int c = 0; c < static_cast<int>(class_names.size()); ++c) {
        for (int g = 8; g <= 11; ++g)
            for (int k = 1; k <= 3; ++k) train.stream() << video_name(c, g, k) << ' ' << c + 1 << "\r\n";
        for (int g = 1; g <= 3; ++g)
            for (int k = 1; k <= 2; ++k) test.stream() << video_name(c, g, k) << "\r\n";  // the official test lists carry no label
    }
    train.commit();
    test.commit();
}

// Reads classInd.txt and a split list back; the test list's label comes from the class directory, as MMAction2's
// build_file_list does.
std::vector<vidata::video_record> read_split(const fs::path& list, const std::map<std::string, int>& class_ids) {
    const std::string text = vidata::read_file(list);
    std::vector<vidata::video_record> records;
    for (const auto& line : vidata::lines(text, list.string())) {
        if (line.blank()) continue;
        const auto fields = line.fields();
        vidata::video_record r;
        r.path = std::string(fields.text(0, "a video path"));
        const auto slash = r.path.find('/');
        const auto it = class_ids.find(r.path.substr(0, slash));
        if (slash == std::string::npos || it == class_ids.end()) throw line.error("a path '<class>/<video>.avi' with a class of classInd.txt");
        r.labels = {fields.size() > 1 ? static_cast<int>(fields.integer(1, "a 1-based class id")) - 1 : it->second};
        records.push_back(std::move(r));
    }
    return records;
}

std::map<std::string, int> read_class_ind(const fs::path& path) {
    const std::string text = vidata::read_file(path);
    std::map<std::string, int> ids;
    for (const auto& line : vidata::lines(text, path.string())) {
        if (line.blank()) continue;
        const auto fields = line.fields();
        ids[std::string(fields.text(1, "a class name"))] = static_cast<int>(fields.integer(0, "a 1-based class id")) - 1;
    }
    return ids;
}

// A clip feature: the class's prototype plus Gaussian noise, from the video's own rng stream, so the values do
// not depend on the order in which videos are visited.
Eigen::VectorXd clip_feature(int label, std::uint64_t video_index) {
    auto prototype_rng = vidata::rng::for_item(seed, 1, static_cast<std::uint64_t>(label));
    auto noise_rng = vidata::rng::for_item(seed, 0, video_index);
    Eigen::VectorXd f(feature_dim);
    for (int d = 0; d < feature_dim; ++d) {
        const double prototype = prototype_rng.uniform_real(-1.0, 1.0);
        // Box-Muller: two uniforms in (0, 1] and [0, 1) give one standard normal draw.
        const double u1 = 1.0 - noise_rng.uniform_real();
        const double u2 = noise_rng.uniform_real();
        f(d) = prototype + noise_sigma * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }
    return f;
}

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return "(could not run: " + command + ")";
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    const int status = ::pclose(pipe);
    if (status != 0) out += "(exit status " + std::to_string(status) + ")\n";
    return out;
}

// Python's own pickle and numpy read what vidata wrote: the independent check on the writers.
constexpr const char* python_check = R"PY(
import pickle, sys, numpy as np
results = pickle.load(open(sys.argv[1], 'rb'))
scores = np.load(sys.argv[2])
labels = np.loadtxt(sys.argv[3], dtype=np.int64)
top1, top3, mca = (float(x) for x in sys.argv[4:7])
assert isinstance(results, list) and all(isinstance(r, np.ndarray) and r.dtype == np.float32 for r in results)
assert np.array_equal(np.stack(results), scores), 'results.pkl and scores.npy differ'
# The accuracies again, from the definitions: label among the k best scores; per-class recall averaged.
order = np.argsort(-scores, axis=1, kind='stable')
py_top = [float(np.mean([labels[i] in order[i, :k] for i in range(len(labels))])) for k in (1, 3)]
pred = order[:, 0]
py_mca = float(np.mean([np.mean(pred[labels == c] == c) for c in np.unique(labels)]))
for name, ours, theirs in (('top-1', top1, py_top[0]), ('top-3', top3, py_top[1]), ('mean class accuracy', mca, py_mca)):
    assert abs(ours - theirs) < 1e-12, f'{name}: vidata {ours} != numpy {theirs}'
print(f'python {sys.version.split()[0]} / numpy {np.__version__}: {len(results)} score arrays of shape {results[0].shape}, '
      f'{scores.dtype} {scores.shape}; identical; top-1 {py_top[0]:.4f}, top-3 {py_top[1]:.4f}, '
      f'mean class accuracy {py_mca:.4f}: the same as vidata')
)PY";

}  // namespace

int main(int argc, char** argv) try {
    std::string cli;
    fs::path out = "_demo";
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--vidata") == 0 && i + 1 < argc) cli = argv[++i];
        else out = argv[i];
    }
    const auto start = std::chrono::steady_clock::now();
    fs::create_directories(out / "annotations");
    std::cout << "vidata " << vidata::version_string << " demo: output in " << fs::absolute(out).string() << "\n\n";

    std::cout << "[1/8] writing a miniature UCF-101 (" << class_names.size() << " classes) in its official layout\n";
    write_official_files(out / "annotations");
    std::cout << "      " << (out / "annotations").string() << "/{classInd.txt, trainlist01.txt, testlist01.txt}\n";

    std::cout << "[2/8] reading the annotation files back\n";
    const auto class_ids = read_class_ind(out / "annotations" / "classInd.txt");
    const auto train = read_split(out / "annotations" / "trainlist01.txt", class_ids);
    const auto test = read_split(out / "annotations" / "testlist01.txt", class_ids);
    std::cout << "      " << class_ids.size() << " classes, " << train.size() << " train videos, " << test.size()
              << " test videos (first: " << test.front().path << ", label " << test.front().label() << ")\n";

    std::cout << "[3/8] drawing " << feature_dim << "-d clip features, one counter-based rng stream per video\n";
    const auto num_classes = static_cast<Eigen::Index>(class_ids.size());
    Eigen::MatrixXd means = Eigen::MatrixXd::Zero(num_classes, feature_dim);
    Eigen::VectorXd counts = Eigen::VectorXd::Zero(num_classes);
    for (std::size_t i = 0; i < train.size(); ++i) {
        means.row(train[i].label()) += clip_feature(train[i].label(), i).transpose();
        counts(train[i].label()) += 1.0;
    }
    means.array().colwise() /= counts.array();

    std::cout << "[4/8] scoring the test split with a nearest-class-mean classifier (softmax of -distance^2)\n";
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> scores(static_cast<Eigen::Index>(test.size()), num_classes);
    for (std::size_t i = 0; i < test.size(); ++i) {
        const Eigen::VectorXd f = clip_feature(test[i].label(), train.size() + i);
        const Eigen::VectorXd logits = -(means.rowwise() - f.transpose()).rowwise().squaredNorm();
        const Eigen::VectorXd p = (logits.array() - logits.maxCoeff()).exp();
        scores.row(static_cast<Eigen::Index>(i)) = (p / p.sum()).cast<float>().transpose();
    }

    std::cout << "[5/8] evaluating the test split\n";
    std::vector<std::int64_t> labels;
    for (const auto& r : test) labels.push_back(r.label());
    const auto top = vidata::top_k_accuracy(scores, labels, {1, 3});
    const double mca = vidata::mean_class_accuracy(scores, labels);
    std::vector<std::int64_t> predicted(labels.size());
    for (Eigen::Index i = 0; i < scores.rows(); ++i) scores.row(i).maxCoeff(&predicted[static_cast<std::size_t>(i)]);
    const auto cm = vidata::confusion_matrix(predicted, labels);
    std::cout << std::fixed << std::setprecision(4) << "      top-1 " << top[0] << ", top-3 " << top[1] << ", mean class accuracy " << mca
              << "\n      confusion matrix (rows: true class, columns: predicted):\n";
    for (Eigen::Index r = 0; r < cm.matrix.rows(); ++r) {
        std::cout << "      " << std::setw(16) << std::left << class_names[static_cast<std::size_t>(cm.labels[static_cast<std::size_t>(r)])] << std::right;
        for (Eigen::Index c = 0; c < cm.matrix.cols(); ++c) std::cout << std::setw(4) << static_cast<int>(cm.matrix(r, c));
        std::cout << '\n';
    }
    std::cout.unsetf(std::ios::floatfield);
    std::cout << std::setprecision(6);

    std::cout << "[6/8] saving the scores as MMAction2's tools/test.py --out does, and as .npy\n";
    std::vector<vidata::pickle::value> per_video;
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
        const Eigen::RowVectorXf row = scores.row(i);
        per_video.emplace_back(vidata::ndarray::from_values<float>({num_classes}, std::span<const float>(row.data(), static_cast<std::size_t>(row.size()))));
    }
    const fs::path results_pkl = out / "results.pkl";
    const fs::path scores_npy = out / "scores.npy";
    vidata::write_file_atomically(results_pkl, vidata::pickle::dump(vidata::pickle::value::list(std::move(per_video))));
    vidata::save_npy(scores_npy, vidata::ndarray::from_eigen(scores));
    {
        vidata::atomic_file label_file(out / "test_labels.txt");
        for (const auto& r : test) label_file.stream() << r.label() << '\n';
        label_file.commit();
    }
    std::cout << "      " << results_pkl.string() << " (" << fs::file_size(results_pkl) << " bytes), " << scores_npy.string() << " ("
              << fs::file_size(scores_npy) << " bytes), " << (out / "test_labels.txt").string() << "\n";

    std::cout << "[7/8] reading both back through vidata's safe readers\n";
    const auto loaded = vidata::pickle::load_file(results_pkl);
    const auto loaded_npy = vidata::load_npy(scores_npy).to_matrix<float>();
    bool identical = loaded.is_list() && loaded.size() == test.size() && loaded_npy == scores;
    for (std::size_t i = 0; identical && i < loaded.size(); ++i) {
        const auto row = loaded[i].as_ndarray().to_vector<float>();
        identical = std::memcmp(row.data(), scores.row(static_cast<Eigen::Index>(i)).data(), row.size() * sizeof(float)) == 0;
    }
    std::cout << "      results.pkl: " << loaded.type_name() << " of " << loaded.size() << " float32 arrays; scores.npy: "
              << loaded_npy.rows() << "x" << loaded_npy.cols() << "; bit-identical to what was written: " << (identical ? "yes" : "NO") << "\n";
    if (!identical) throw std::runtime_error("read-back differs from what was written");

    const fs::path python = "/usr/bin/python3";
    if (fs::exists(python) && run(python.string() + " -c 'import numpy'").empty()) {
        const fs::path script = out / "check_with_python.py";
        vidata::write_file_atomically(script, python_check);
        char metrics[96];
        std::snprintf(metrics, sizeof metrics, " %.17g %.17g %.17g", top[0], top[1], mca);
        const std::string verdict = run(python.string() + " " + script.string() + " " + results_pkl.string() + " " + scores_npy.string() + " " +
                                        (out / "test_labels.txt").string() + metrics);
        std::cout << "      " << verdict;
        if (verdict.find("the same as vidata") == std::string::npos) throw std::runtime_error("the Python check disagrees");
    } else {
        std::cout << "      (python3 with numpy not found: skipping the independent Python check)\n";
    }

    std::cout << "[8/8] vidata inspect\n";
    if (!cli.empty()) {
        std::cout << run(cli + " inspect " + results_pkl.string()) << run(cli + " inspect " + scores_npy.string());
    } else {
        std::cout << "      (pass --vidata PATH to show the CLI's view)\n";
    }

    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "\ndemo finished in " << seconds << " s\n"
              << "files: " << fs::absolute(out).string() << "\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "demo failed: " << e.what() << '\n';
    return 1;
}
