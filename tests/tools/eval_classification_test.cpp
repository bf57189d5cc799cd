// SPDX-License-Identifier: Apache-2.0
// The `vidata eval accuracy|map|confusion` contract: numpy's numbers for MMAction2's formulas, every input form, plots, errors.
#include "tools/cli_support.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using vidata::test::contains;
using vidata::test::line_count;
using vidata::test::quoted;
using vidata::test::read_file;
using vidata::test::run_command;
using vidata::test::shell_quote;
using vidata::test::temp_dir;
using vidata::test::vidata_cli;
using vidata::test::write_file;

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

/// a and b agree to 1e-12 relative (the sums may run in another order than numpy's pairwise ones).
bool close(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)); }

/// Writes the inputs in every form the CLI reads, and expected.json: MMAction2 0.x's accuracy.py formulas
/// transcribed to numpy (under --semantics mmaction2), and the textbook definitions vidata's default policy
/// states (ties to the lower class index, mean over the true classes), computed by numpy independently.
const char* const make_cases_py = R"PY(
import json, pickle, sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(20240611)

N, C = 300, 12
s = (rng.integers(0, 6, size=(N, C)) / 4).astype(np.float32)  # 6 levels over 12 classes: ties in every row
labels = rng.integers(0, C - 2, size=N)                        # classes 10 and 11 are never true
np.save(d + '/scores.npy', s)
with open(d + '/results.pkl', 'wb') as f: pickle.dump([row for row in s], f)
with open(d + '/scores.json', 'w') as f: json.dump(s.astype(np.float64).tolist(), f)
with open(d + '/labels.txt', 'w') as f: f.write(''.join(f'{l}\n' for l in labels))
with open(d + '/rawframes.txt', 'w') as f: f.write(''.join(f'video_{i:04d} {50 + i} {l}\n' for i, l in enumerate(labels)))
with open(d + '/videos.txt', 'w') as f: f.write(''.join(f'video_{i:04d}.mp4 {l}\n' for i, l in enumerate(labels)))
with open(d + '/labels_short.txt', 'w') as f: f.write(''.join(f'{l}\n' for l in labels[:-1]))

# mmaction/core/evaluation/accuracy.py (0.x)
def confusion_matrix(y_pred, y_real):
    label_set = np.unique(np.concatenate((y_pred, y_real)))
    num_labels = len(label_set)
    label_map = np.zeros(label_set[-1] + 1, dtype=np.int64)
    for i, label in enumerate(label_set):
        label_map[label] = i
    y_pred_mapped = label_map[y_pred]
    y_real_mapped = label_map[y_real]
    return np.bincount(num_labels * y_real_mapped + y_pred_mapped, minlength=num_labels**2).reshape(num_labels, num_labels)

def mean_class_accuracy(scores, labels):
    pred = np.argmax(scores, axis=1)
    cf_mat = confusion_matrix(pred, labels).astype(float)
    cls_cnt = cf_mat.sum(axis=1)
    cls_hit = np.diag(cf_mat)
    return np.mean([hit / cnt if cnt else 0.0 for cnt, hit in zip(cls_cnt, cls_hit)])

def top_k_accuracy(scores, labels, topk):
    res = []
    labels = np.array(labels)[:, np.newaxis]
    for k in topk:
        max_k_preds = np.argsort(scores, axis=1)[:, -k:][:, ::-1]
        match_array = np.logical_or.reduce(max_k_preds == labels, axis=1)
        res.append(match_array.sum() / match_array.shape[0])
    return res

def binary_precision_recall_curve(y_score, y_true):
    y_true = (y_true == 1)
    desc_score_indices = np.argsort(y_score, kind='mergesort')[::-1]
    y_score = y_score[desc_score_indices]
    y_true = y_true[desc_score_indices]
    distinct_value_inds = np.where(np.diff(y_score))[0]
    threshold_inds = np.r_[distinct_value_inds, y_true.size - 1]
    tps = np.cumsum(y_true)[threshold_inds]
    fps = 1 + threshold_inds - tps
    thresholds = y_score[threshold_inds]
    precision = tps / (tps + fps)
    precision[np.isnan(precision)] = 0
    recall = tps / tps[-1]
    last_ind = tps.searchsorted(tps[-1])
    sl = slice(last_ind, None, -1)
    return np.r_[precision[sl], 1], np.r_[recall[sl], 0], thresholds[sl]

def mean_average_precision(scores, labels):
    results = []
    for score, label in zip(np.stack(scores).T, np.stack(labels).T):
        precision, recall, _ = binary_precision_recall_curve(score, label)
        results.append(-np.sum(np.diff(recall) * np.array(precision)[:-1]))
    results = [x for x in results if not np.isnan(x)]
    return np.nan if results == [] else np.mean(results)

def mmit_mean_average_precision(scores, labels):
    results = []
    for score, label in zip(scores, labels):
        precision, recall, _ = binary_precision_recall_curve(score, label)
        results.append(-np.sum(np.diff(recall) * np.array(precision)[:-1]))
    return np.mean(results)

mm_top = top_k_accuracy([row for row in s], labels, (1, 3, 5))
mm = {'top1_acc': mm_top[0], 'top3_acc': mm_top[1], 'top5_acc': mm_top[2], 'mean_class_accuracy': mean_class_accuracy(s, labels)}

# vidata's default: ties to the lower class index (a stable sort of the negated scores), mean over true classes.
order = np.argsort(-s, axis=1, kind='stable')
off = {f'top{k}_acc': float((order[:, :k] == labels[:, None]).any(axis=1).mean()) for k in (1, 3, 5)}
pred = np.argmax(s, axis=1)
off['mean_class_accuracy'] = float(np.mean([np.mean(pred[labels == c] == c) for c in np.unique(labels)]))
assert mm['top1_acc'] != off['top1_acc'] and mm['mean_class_accuracy'] != off['mean_class_accuracy'], 'the policies must differ here'

Nm, Cm = 200, 9
sm = rng.random((Nm, Cm)).astype(np.float32)
sm[:, 0] = np.round(sm[:, 0] * 4) / 4  # ties within class 0
ym = (rng.random((Nm, Cm)) < 0.25).astype(np.int64)
ym[:, 5] = 0  # no positive: AP NaN, dropped from the mean
for i in range(Nm):  # at least two positives per sample: every annotation-list line has 3 fields or more
    ym[i, i % 5] = 1
    ym[i, 6 + i % 3] = 1
np.save(d + '/m_scores.npy', sm)
np.save(d + '/m_labels.npy', ym)
rows = [' '.join(str(j) for j in np.flatnonzero(r)) for r in ym]
with open(d + '/m_labels.txt', 'w') as f: f.write(''.join(r + '\n' for r in rows))
with open(d + '/m_rawframes.txt', 'w') as f: f.write(''.join(f'clip_{i} {300 + i} {r}\n' for i, r in enumerate(rows)))
with open(d + '/m_ambiguous.txt', 'w') as f: f.write(''.join(f'clip_{i} {r}\n' for i, r in enumerate(rows)))
with np.errstate(invalid='ignore', divide='ignore'):
    mp = {'mean_average_precision': mean_average_precision([r for r in sm], [r for r in ym]),
          'mmit_mean_average_precision': mmit_mean_average_precision(sm, ym)}
with open(d + '/expected.json', 'w') as f:
    json.dump({'mmaction2': mm, 'official': off, 'map': {k: float(v) for k, v in mp.items()}}, f)
)PY";

nlohmann::json make_cases(const temp_dir& dir) {
    write_file(dir / "make_cases.py", make_cases_py);
    const auto r = run_command(shell_quote(VIDATA_TEST_PYTHON3) + " " + quoted(dir / "make_cases.py") + " " + quoted(dir.path()));
    INFO(r.output);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(read_file(dir / "expected.json"));
}

nlohmann::json json_of(const std::string& args) {
    const auto r = vidata_cli(args);
    INFO(args << "\n" << r.output);
    REQUIRE(r.status == 0);
    REQUIRE(line_count(r.output) == 1);  // exactly one JSON object on one line
    return nlohmann::json::parse(r.output);
}

void check_numbers(const nlohmann::json& got, const nlohmann::json& expected) {
    INFO("got " << got.dump() << "\nexpected " << expected.dump());
    REQUIRE(got.size() == expected.size());
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        REQUIRE(got.contains(it.key()));
        CHECK(close(got[it.key()].get<double>(), it.value().get<double>()));
    }
}

}  // namespace

TEST_CASE("eval accuracy gives numpy's numbers for MMAction2's formulas under --semantics mmaction2", "[tools][eval]") {
    if (!vidata::test::python_oracle_available()) return;
    temp_dir dir;
    const auto expected = make_cases(dir);
    const std::string topk = " --topk 1 3 5 --json";

    SECTION("every score form and label form gives the same numbers") {
        for (const char* scores : {"scores.npy", "results.pkl", "scores.json"})
            for (const char* labels : {"labels.txt", "rawframes.txt", "videos.txt"}) {
                INFO(scores << " with " << labels);
                const auto got = json_of("eval accuracy --scores " + quoted(dir / scores) + " --labels " + quoted(dir / labels) +
                                         topk + " --semantics mmaction2");
                check_numbers(got, expected["mmaction2"]);
            }
    }
    SECTION("the default policy: ties to the lower class index, mean over the true classes") {
        const auto got = json_of("eval accuracy --scores " + quoted(dir / "scores.npy") + " --labels " + quoted(dir / "labels.txt") + topk);
        check_numbers(got, expected["official"]);
        const auto same = json_of("eval accuracy --scores " + quoted(dir / "results.pkl") + " --labels " +
                                  quoted(dir / "rawframes.txt") + topk + " --semantics official");
        check_numbers(same, expected["official"]);
    }
    SECTION("--json prints the keys in the contract's order; the default --topk is 1 5") {
        const auto r = vidata_cli("eval accuracy --json --scores " + quoted(dir / "scores.npy") + " --labels " + quoted(dir / "labels.txt"));
        REQUIRE(r.status == 0);
        const auto top1 = r.output.find("\"top1_acc\"");
        const auto top5 = r.output.find("\"top5_acc\"");
        const auto mca = r.output.find("\"mean_class_accuracy\"");
        CHECK(top1 < top5);
        CHECK(top5 < mca);
        CHECK(mca != std::string::npos);
        CHECK(count(r.output, "_acc\"") == 2);
    }
    SECTION("without --json: an aligned table, four decimals") {
        const auto r = vidata_cli("eval accuracy --scores " + quoted(dir / "scores.npy") + " --labels " + quoted(dir / "labels.txt") +
                                  " --semantics mmaction2");
        REQUIRE(r.status == 0);
        char line[96];
        std::snprintf(line, sizeof line, "top1_acc             %.4f\n", expected["mmaction2"]["top1_acc"].get<double>());
        CHECK(contains(r.output, line));
        std::snprintf(line, sizeof line, "mean_class_accuracy  %.4f\n", expected["mmaction2"]["mean_class_accuracy"].get<double>());
        CHECK(contains(r.output, line));
        CHECK(line_count(r.output) == 3);
    }
}

TEST_CASE("eval map gives numpy's numbers for MMAction2's mAP and MMIT mAP", "[tools][eval]") {
    if (!vidata::test::python_oracle_available()) return;
    temp_dir dir;
    const auto expected = make_cases(dir);
    for (const char* labels : {"m_labels.npy", "m_labels.txt", "m_rawframes.txt"}) {
        INFO(labels);
        const auto got = json_of("eval map --json --scores " + quoted(dir / "m_scores.npy") + " --labels " + quoted(dir / labels));
        check_numbers(got, expected["map"]);
    }

    SECTION("an annotation list the rule cannot tell asks for --labels-layout, which then decides") {
        const auto r = vidata_cli("eval map --json --scores " + quoted(dir / "m_scores.npy") + " --labels " + quoted(dir / "m_ambiguous.txt"));
        CHECK(r.status != 0);
        CHECK(line_count(r.output) == 1);
        CHECK(contains(r.output, "m_ambiguous.txt:1:"));
        CHECK(contains(r.output, "--labels-layout"));
        const auto got = json_of("eval map --json --scores " + quoted(dir / "m_scores.npy") + " --labels " +
                                 quoted(dir / "m_ambiguous.txt") + " --labels-layout video-list");
        check_numbers(got, expected["map"]);
    }
    SECTION("--plot draws precision-recall curves: the first classes with a positive, or --classes") {
        const auto r = vidata_cli("eval map --scores " + quoted(dir / "m_scores.npy") + " --labels " + quoted(dir / "m_labels.npy") +
                                  " --plot " + quoted(dir / "plots"));
        REQUIRE(r.status == 0);
        CHECK(contains(r.output, "wrote " + (dir / "plots" / "precision_recall.svg").string()));
        const std::string svg = read_file(dir / "plots" / "precision_recall.svg");
        CHECK(count(svg, "<path d=") == 8);  // classes 0-8 but 5, which has no positive
        CHECK(count(svg, "data-name=\"class 5") == 0);
        CHECK(read_file(dir / "plots" / "precision_recall.png").rfind("\x89PNG\r\n\x1a\n", 0) == 0);

        write_file(dir / "names.txt", "walking\nrunning\njumping\n");
        const auto chosen = vidata_cli("eval map --json --scores " + quoted(dir / "m_scores.npy") + " --labels " +
                                       quoted(dir / "m_labels.npy") + " --plot " + quoted(dir / "chosen") +
                                       " --classes 2 7 --class-names " + quoted(dir / "names.txt"));
        REQUIRE(chosen.status == 0);
        CHECK(line_count(chosen.output) == 1);  // --json stays one object; the plots are silent
        const std::string two = read_file(dir / "chosen" / "precision_recall.svg");
        CHECK(count(two, "<path d=") == 2);
        CHECK(count(two, "data-name=\"jumping (AP ") == 1);
        CHECK(count(two, "data-name=\"class 7 (AP ") == 1);
        const auto bad = vidata_cli("eval map --scores " + quoted(dir / "m_scores.npy") + " --labels " + quoted(dir / "m_labels.npy") +
                                    " --plot " + quoted(dir / "bad") + " --classes 9");
        CHECK(bad.status != 0);
        CHECK(contains(bad.output, "--classes: class 9 is outside [0, 9)"));
    }
}

TEST_CASE("eval confusion: MMAction2's matrix over the union label set, hand-computed", "[tools][eval]") {
    temp_dir dir;
    // pred 0 1 2 2 7, true 0 2 2 1 7: label set {0, 1, 2, 7}; rows are true labels, columns predictions.
    write_file(dir / "pred.txt", "0\n1\n2\n2\n7\n");
    write_file(dir / "true.txt", "v0 30 0\nv1 31 2\nv2 32 2\nv3 33 1\nv4 34 7\n");
    const auto counts = json_of("eval confusion --json --pred " + quoted(dir / "pred.txt") + " --labels " + quoted(dir / "true.txt"));
    CHECK(counts["label_set"] == nlohmann::json::array({0, 1, 2, 7}));
    CHECK(counts["confusion_matrix"] == nlohmann::json::parse("[[1,0,0,0],[0,0,1,0],[0,1,1,0],[0,0,0,1]]"));
    const auto r = vidata_cli("eval confusion --json --pred " + quoted(dir / "pred.txt") + " --labels " + quoted(dir / "true.txt"));
    CHECK(r.output.find("\"label_set\"") < r.output.find("\"confusion_matrix\""));

    // Row sums 1, 1, 2, 1; column sums 1, 1, 2, 1; 5 samples.
    const auto rows = json_of("eval confusion --json --normalize true --pred " + quoted(dir / "pred.txt") + " --labels " + quoted(dir / "true.txt"));
    CHECK(rows["confusion_matrix"] == nlohmann::json::parse("[[1.0,0.0,0.0,0.0],[0.0,0.0,1.0,0.0],[0.0,0.5,0.5,0.0],[0.0,0.0,0.0,1.0]]"));
    const auto cols = json_of("eval confusion --json --normalize pred --pred " + quoted(dir / "pred.txt") + " --labels " + quoted(dir / "true.txt"));
    CHECK(cols["confusion_matrix"] == nlohmann::json::parse("[[1.0,0.0,0.0,0.0],[0.0,0.0,0.5,0.0],[0.0,1.0,0.5,0.0],[0.0,0.0,0.0,1.0]]"));
    const auto all = json_of("eval confusion --json --normalize all --pred " + quoted(dir / "pred.txt") + " --labels " + quoted(dir / "true.txt"));
    CHECK(all["confusion_matrix"][2] == nlohmann::json::parse("[0.0,0.2,0.2,0.0]"));

    SECTION("the table and the heat map") {
        write_file(dir / "names.txt", "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven & more\n");
        const auto t = vidata_cli("eval confusion --pred " + quoted(dir / "pred.txt") + " --labels " + quoted(dir / "true.txt") +
                                  " --plot " + quoted(dir / "plots") + " --class-names " + quoted(dir / "names.txt"));
        REQUIRE(t.status == 0);
        CHECK(contains(t.output, "true\\pred  0  1  2  7\n0          1  0  0  0\n"));
        CHECK(contains(t.output, "7          0  0  0  1\n"));
        CHECK(contains(t.output, "wrote " + (dir / "plots" / "confusion_matrix.png").string()));
        const std::string svg = read_file(dir / "plots" / "confusion_matrix.svg");
        CHECK(count(svg, "<rect class=\"cell\"") == 16);
        CHECK(count(svg, ">seven &amp; more</text>") == 2);  // a row name and a column name
        CHECK(count(svg, "data-value=\"2\"") == 0);
        CHECK(count(svg, "data-value=\"1\"") == 5);
        CHECK(read_file(dir / "plots" / "confusion_matrix.png").rfind("\x89PNG\r\n\x1a\n", 0) == 0);
    }
}

TEST_CASE("eval errors are one line that names the file and what was wrong", "[tools][eval]") {
    temp_dir dir;
    write_file(dir / "s.json", "[[0.1, 0.9, 0.0], [0.8, 0.1, 0.1]]");
    write_file(dir / "l.txt", "1\n0\n");
    const auto base = " --scores " + quoted(dir / "s.json");
    SECTION("more labels than scored samples") {
        write_file(dir / "l3.txt", "1\n0\n2\n");
        const auto r = vidata_cli("eval accuracy" + base + " --labels " + quoted(dir / "l3.txt"));
        CHECK(r.status != 0);
        CHECK(line_count(r.output) == 1);
        CHECK(contains(r.output, "holds 3 items but --scores " + (dir / "s.json").string() + " has 2 rows"));
    }
    SECTION("a label outside the score columns") {
        write_file(dir / "l_bad.txt", "1\n3\n");
        const auto r = vidata_cli("eval accuracy" + base + " --labels " + quoted(dir / "l_bad.txt"));
        CHECK(r.status != 0);
        CHECK(line_count(r.output) == 1);
        CHECK(contains(r.output, "l_bad.txt:2:1: expected a class label in [0, 3), got '3'"));
    }
    SECTION("ragged JSON scores") {
        write_file(dir / "ragged.json", "[[0.1, 0.9], [0.8]]");
        const auto r = vidata_cli("eval map --scores " + quoted(dir / "ragged.json") + " --labels " + quoted(dir / "l.txt"));
        CHECK(r.status != 0);
        CHECK(line_count(r.output) == 1);
        CHECK(contains(r.output, "ragged.json at /1: expected an array of 2 scores, as row 0 has"));
    }
    SECTION("a missing file, and a bad option value") {
        const auto missing = vidata_cli("eval accuracy --scores " + quoted(dir / "absent.npy") + " --labels " + quoted(dir / "l.txt"));
        CHECK(missing.status != 0);
        CHECK(contains(missing.output, "absent.npy"));
        const auto bad = vidata_cli("eval confusion --pred " + quoted(dir / "l.txt") + " --labels " + quoted(dir / "l.txt") + " --normalize rows");
        CHECK(bad.status != 0);
        CHECK(contains(bad.output, "--normalize"));
        const auto k0 = vidata_cli("eval accuracy" + base + " --labels " + quoted(dir / "l.txt") + " --topk 0");
        CHECK(k0.status != 0);
        CHECK(contains(k0.output, "k must be at least 1"));
    }
}
