"""The audit on short articles written for it (new words, the shapes real pages use), through the real steps.

Traps: figures set side by side that an auditor must not add or divide (parts of a pending count in
parentheses, growth, targets, thresholds, digitization, payment and satisfaction rates, rates over a subset,
carried-over counts, two periods, units or tiers, rounded figures, 'lần lượt'). Plain relations: received =
resolved + pending, resolved = on time + late, received = online + offline, a whole = its tiers, a rate of
its counts, in sentences, lists, table lines, 'trong đó', 'Trong số' and parentheses. Each case lists every
finding the audit must make, as (check, status, reported, structure): no more, no fewer.
"""
import datetime as dt

import pytest

from extract.pipeline import probe

ANCHOR = dt.date(2024, 10, 15)

TRAPS = [
    ('T01', 'Trong tháng 9/2024, Bộ phận một cửa xã Hòa Phú tiếp nhận 2.140 hồ sơ, đã giải quyết 1.980 hồ sơ, đang giải quyết 160 hồ sơ (152 hồ sơ chưa đến hạn, 8 hồ sơ quá hạn).',  # parts in parentheses belong to the pending count before them, not to the resolved one
     [('sum', 'consistent', 160, 'parenthesis'), ('sum', 'consistent', 2140, 'clause_list')]),
    ('T02', 'UBND phường An Khánh đã giải quyết 3.415 hồ sơ, tất cả đều đúng hạn. Hiện còn 96 hồ sơ đang xử lý, trong đó 4 hồ sơ đã quá hạn.',  # one part after 'trong đó' is no sum
     []),
    ('T03', 'Năm 2024, Trung tâm Phục vụ hành chính công tỉnh tiếp nhận 48.300 hồ sơ, bằng 126% so với năm 2023.',  # a percentage against another year is no share
     []),
    ('T04', 'Số hồ sơ nộp trực tuyến trong quý đạt 12.600 hồ sơ, tăng 18% so với cùng kỳ; tỷ lệ hồ sơ trực tuyến đạt 64%.',  # growth, and a rate whose counts are not given
     []),
    ('T05', 'Tỉnh phấn đấu đến cuối năm tỷ lệ hồ sơ trực tuyến đạt 80%. Đến nay, toàn tỉnh tiếp nhận 15.000 hồ sơ, trong đó 9.200 hồ sơ trực tuyến.',  # a target is no share of the counts
     []),
    ('T06', 'Mục tiêu năm 2025 là 100% hồ sơ được giải quyết đúng hạn. Trong quý I, huyện giải quyết 1.210 hồ sơ, trong đó 1.180 hồ sơ đúng hạn và 30 hồ sơ trễ hạn.',  # a target beside a real breakdown
     [('sum', 'consistent', 1210, 'trong_do')]),
    ('T07', 'Có 5/8 xã có tỷ lệ hồ sơ trễ hạn dưới 1%. Cả huyện đã giải quyết 4.020 hồ sơ, trễ hạn 61 hồ sơ.',  # 4/7 communes below a threshold: no rate of dossiers
     []),
    ('T08', 'Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 92,4%. Trung tâm đã tiếp nhận 7.000 hồ sơ, đã giải quyết 6.520 hồ sơ, trong đó 6.396 hồ sơ đúng hạn.',  # a digitization rate is no on-time rate
     []),
    ('T09', 'Mức độ hài lòng của người dân đạt 97,6%. Trong năm có 12.400 hồ sơ được giải quyết, trong đó 11.900 hồ sơ trả đúng hạn, 500 hồ sơ trễ hạn.',  # satisfaction is no share of dossiers
     [('sum', 'consistent', 12400, 'trong_do')]),
    ('T10', 'Tỷ lệ thanh toán trực tuyến đạt 41%. Toàn huyện tiếp nhận 7.900 hồ sơ, trong đó 3.100 hồ sơ trực tuyến và 4.800 hồ sơ trực tiếp.',  # an online payment rate is no online-dossier rate
     [('sum', 'consistent', 7900, 'trong_do')]),
    ('T11', 'Quý II, Sở Tư pháp tiếp nhận 2.600 hồ sơ, đã giải quyết 2.400 hồ sơ, trong đó 2.388 hồ sơ đúng hạn, đạt 99,5%.',  # on time among resolved, not among received
     [('percentage', 'consistent', 99.5, 'listed')]),
    ('T12', 'Sở Xây dựng tiếp nhận 1.500 hồ sơ; số hồ sơ giải quyết đúng hạn là 1.180 hồ sơ, đạt 98,3%.',  # on time over an unstated resolved count: not checked against received
     []),
    ('T13', 'Tháng 6, UBND xã Tân Lập tiếp nhận mới 830 hồ sơ, cùng 45 hồ sơ kỳ trước chuyển sang, tổng số hồ sơ phải giải quyết là 875 hồ sơ. Đã giải quyết 850 hồ sơ, đang giải quyết 25 hồ sơ.',  # received in the period + carried over = the total to handle
     [('sum', 'consistent', 875, 'clause_list'), ('sum', 'consistent', 875, 'next_sentence')]),
    ('T15', 'Năm 2023, thị xã tiếp nhận 15.200 hồ sơ. Năm 2024, thị xã đã giải quyết 16.900 hồ sơ, đúng hạn 16.700 hồ sơ, trễ hạn 200 hồ sơ.',  # figures of two years side by side
     [('sum', 'consistent', 16900, 'clause_list')]),
    ('T16', '6 tháng đầu năm 2024, phường tiếp nhận 4.100 hồ sơ, đã giải quyết 3.950 hồ sơ; cùng kỳ năm 2023 phường tiếp nhận 3.700 hồ sơ, đang giải quyết 150 hồ sơ.',  # figures of two periods side by side
     []),
    ('T17', 'Xã Bình An tiếp nhận 920 hồ sơ, xã Bình Hòa tiếp nhận 760 hồ sơ. Xã Bình Hòa đã giải quyết 700 hồ sơ, đang giải quyết 40 hồ sơ.',  # figures of two communes side by side
     []),
    ('T18', 'Cấp tỉnh tiếp nhận 5.400 hồ sơ, cấp xã tiếp nhận 12.800 hồ sơ. Cấp xã đã giải quyết 12.300 hồ sơ, đang giải quyết 100 hồ sơ.',  # figures of two tiers side by side
     []),
    ('T19', 'Năm 2023, toàn tỉnh tiếp nhận 30.500 hồ sơ, trong đó cấp tỉnh 8.200 hồ sơ, cấp xã 21.100 hồ sơ.',  # before 2025 the district tier is missing: the parts may not cover the whole
     []),
    ('T20', 'Năm 2024, toàn tỉnh tiếp nhận gần 1,2 triệu hồ sơ, trong đó hơn 870.000 hồ sơ trực tuyến và khoảng 310.000 hồ sơ trực tiếp.',  # rounded figures within what their words allow
     [('sum', 'consistent', 1200000, 'trong_do')]),
    ('T21', 'Tỷ lệ hồ sơ đúng hạn của cấp tỉnh và cấp xã lần lượt là 99,2% và 97,8%. Cấp tỉnh đã giải quyết 4.000 hồ sơ, trong đó 3.968 hồ sơ đúng hạn.',  # 'lần lượt': each tier its own rate
     []),
    ('T22', 'Tỉnh có 1.850 thủ tục hành chính, trong đó 1.020 thủ tục được cung cấp dịch vụ công trực tuyến toàn trình, chiếm 55,1%.',  # a share of procedures
     []),
    ('T23', 'Có 18/20 cơ quan, đơn vị đạt tỷ lệ giải quyết hồ sơ đúng hạn trên 98%. Các đơn vị đã giải quyết 9.300 hồ sơ, trong đó 9.010 hồ sơ đúng hạn.',  # a threshold that bodies meet
     []),
    ('T24', 'Số hồ sơ trực tuyến đạt 5.400 hồ sơ, bằng 180% so với cùng kỳ năm trước.',  # a percentage against last year
     []),
    ('T25', 'Đã giải quyết 7.210 hồ sơ (7.150 hồ sơ đúng hạn, 60 hồ sơ trễ hạn); đang giải quyết 430 hồ sơ (415 hồ sơ trong hạn, 15 hồ sơ quá hạn).',  # parentheses after each of two counts
     [('sum', 'consistent', 430, 'parenthesis'), ('sum', 'consistent', 7210, 'parenthesis')]),
    ('T26', 'Từ đầu năm 2024 đến nay, thành phố đã tiếp nhận 9.800 hồ sơ. Riêng tháng 10/2024, đã giải quyết 1.020 hồ sơ, đang giải quyết 75 hồ sơ.',  # a year to date and one month
     []),
    ('T27', 'Toàn huyện đã giải quyết 5.000 hồ sơ. Ở cấp xã có 25 hồ sơ trễ hạn, chiếm 1,2%.',  # a commune-tier rate against an area-wide count
     []),
    ('T28', 'Tỷ lệ giải quyết đúng hạn theo từng xã: xã Tân An đạt 99%, xã Tân Bình (97%), xã Tân Phú (95%). Toàn huyện đã giải quyết 3.000 hồ sơ, đúng hạn 2.950 hồ sơ.',  # rates of a list of communes against the district's counts
     []),
    ('T29', 'Có 1.240 hồ sơ thanh toán phí trực tuyến trong tổng số 6.300 hồ sơ trực tuyến, tỷ lệ thanh toán trực tuyến đạt 19,7%.',  # a payment rate
     []),
    ('T30', 'Tổng số hồ sơ phải giải quyết trong kỳ là 4.380 hồ sơ (tiếp nhận mới 4.200 hồ sơ, kỳ trước chuyển sang 180 hồ sơ); đã giải quyết 4.100 hồ sơ, trong đó trực tuyến 2.900 hồ sơ.',  # carried over inside a total to handle
     [('sum', 'consistent', 4380, 'parenthesis')]),
    ('T31', 'Tháng 3, phường Long Bình tiếp nhận 1.120 hồ sơ, tăng 12% so với tháng trước; tỷ lệ trực tuyến đạt 88%, cao hơn mức bình quân của tỉnh (76%).',  # growth and an average of the province
     []),
    ('T32', 'Trong năm, Chi nhánh Văn phòng đăng ký đất đai tiếp nhận hơn 19.000 hồ sơ, trong đó khoảng 12.000 hồ sơ cấp giấy chứng nhận và hơn 1.000 hồ sơ đăng ký biến động.',  # 'khoảng' and 'hơn' parts that need not cover the whole
     []),
    ('T33', 'Sở Y tế tiếp nhận 2.450 hồ sơ, giải quyết 2.300 hồ sơ, đạt 93,9% tổng số hồ sơ; tỷ lệ hồ sơ đúng hạn đạt 99,8%.',  # a resolution rate and an on-time rate with no count
     [('percentage', 'consistent', 93.9, 'nearby')]),
    ('T34', 'Trung tâm đã số hóa 5.600 hồ sơ, đạt tỷ lệ 70% số hồ sơ tiếp nhận; trong kỳ tiếp nhận 8.000 hồ sơ, đã giải quyết 7.500 hồ sơ.',  # digitized as a share of received
     [('percentage', 'consistent', 70, 'adjacent')]),
    ('T35', 'Hai phường Tân Định và Đa Kao lần lượt tiếp nhận 1.320 và 980 hồ sơ; phường Tân Định đã giải quyết 1.300 hồ sơ, đang giải quyết 20 hồ sơ.',  # 'lần lượt' counts of two wards
     []),
    ('T36', 'Trong quý, Trung tâm đón tiếp 9.400 lượt công dân, tiếp nhận 6.100 hồ sơ, trong đó 4.300 hồ sơ trực tuyến và 1.800 hồ sơ trực tiếp.',  # visits are not dossiers
     [('sum', 'consistent', 6100, 'trong_do')]),
    ('T37', 'Năm 2024, tỉnh phát ra 3.000 phiếu khảo sát, thu về 2.850 phiếu, trong đó 2.790 phiếu hài lòng, đạt 97,9%.',  # survey forms
     []),
    ('T38', 'Đến nay đã cấp 1.450 giấy chứng nhận quyền sử dụng đất trên tổng số 1.600 hồ sơ đủ điều kiện, đạt 90,6%.',  # certificates over eligible dossiers
     []),
    ('T39', 'Huyện tiếp nhận 5.230 hồ sơ, đã giải quyết 4.980 hồ sơ, trong đó đúng hạn 4.900 hồ sơ, trễ hạn 80 hồ sơ; tỷ lệ đúng hạn đạt 93,7% so với tổng số hồ sơ tiếp nhận.',  # a rate said to be over received
     [('sum', 'consistent', 4980, 'trong_do')]),
    ('T40', 'Sở Tài chính tiếp nhận 820 hồ sơ, tỷ lệ giải quyết đúng hạn đạt 99%; Sở Tư pháp tiếp nhận 1.460 hồ sơ, đã giải quyết đúng hạn 1.200 hồ sơ.',  # two departments side by side
     []),
    ('T41', 'Trong 9 tháng năm 2024, toàn tỉnh tiếp nhận 152.000 hồ sơ; riêng quý III tiếp nhận 51.400 hồ sơ, trong đó 38.900 hồ sơ trực tuyến, 12.500 hồ sơ trực tiếp.',  # nine months and one quarter
     [('sum', 'consistent', 51400, 'trong_do')]),
    ('T42', 'Kết quả chấm điểm Chỉ số cải cách hành chính năm 2023 của huyện đạt 86,5/100 điểm, trong đó điểm thẩm định 60,2 điểm và điểm điều tra xã hội học 26,3 điểm.',  # points of an index
     [('sum', 'consistent', 86.5, 'trong_do')]),
    ('T43', 'Đã giải quyết 3.120 hồ sơ; số hồ sơ trễ hạn là 40 hồ sơ, chủ yếu ở lĩnh vực đất đai (32 hồ sơ) và tư pháp (8 hồ sơ).',  # parts of a part, 'chủ yếu'
     []),
    ('T44', 'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%, tăng 1,2% so với năm trước; tỷ lệ trễ hạn là 1,4%.',  # a change of a rate
     []),
    ('T45', 'Tổng số hồ sơ phải giải quyết trong kỳ hơn 1,935 triệu hồ sơ (gồm hơn 41.200 hồ sơ kỳ trước chuyển sang, hơn 1,894 triệu hồ sơ tiếp nhận mới và tiếp nhận trực tuyến hơn 1,2 triệu hồ sơ).',  # received (not online: 'trực tuyến' names the next figure) + carried over make the total to handle
     [('sum', 'consistent', 1935000, 'trong_do')]),
    ('T47', 'Quý I/2024, huyện tiếp nhận 5.000 hồ sơ, trong đó 3.200 hồ sơ thuộc lĩnh vực đất đai; đã giải quyết 4.800 hồ sơ.',  # a part of another split (a field) is no sum
     []),
    ('T48', 'Tỷ lệ hồ sơ trực tuyến toàn trình đạt 45%. Trong quý, Trung tâm tiếp nhận 4.000 hồ sơ, trong đó 2.600 hồ sơ trực tuyến và 1.400 hồ sơ trực tiếp.',  # a full-online rate is not the online share
     [('sum', 'consistent', 4000, 'trong_do')]),
    ('T49', 'Năm 2024, Sở Giao thông vận tải tiếp nhận 8.300 hồ sơ, giải quyết đúng hạn 8.100 hồ sơ. Tỷ lệ giải quyết đúng hạn đạt 99,6%.',  # on time over an unstated resolved count
     []),
    ('T50', 'Thị xã hoàn thành 100% kế hoạch cải cách hành chính năm 2024; tiếp nhận 7.420 hồ sơ, đã giải quyết 7.300 hồ sơ.',  # a plan fulfilled
     []),
    ('T51', 'Toàn tỉnh tiếp nhận 45.000 hồ sơ. Sở Tư pháp đã giải quyết 3.000 hồ sơ, đang giải quyết 120 hồ sơ.',  # a province's count and a department's
     []),
    ('T52', 'Năm 2024, toàn huyện tiếp nhận 20.000 hồ sơ. Riêng quý IV/2024, huyện đã giải quyết 5.100 hồ sơ, đang giải quyết 300 hồ sơ.',  # a year and its last quarter
     []),
    ('T53', 'Trung tâm tiếp nhận 6.000 hồ sơ, đã số hóa 5.400 hồ sơ, đạt 90%; số hồ sơ trực tuyến là 4.100 hồ sơ.',  # digitized and online side by side
     [('percentage', 'consistent', 90, 'adjacent')]),
    ('T54', 'Số hồ sơ quá hạn là 24 hồ sơ, chiếm 2% số hồ sơ đang giải quyết; tổng số hồ sơ đã giải quyết trong tháng là 3.600 hồ sơ.',  # a rate over a count not stated
     []),
    ('T55', 'Năm 2024, Sở thu phí, lệ phí 1,2 tỷ đồng, trong đó 800 triệu đồng được nộp trực tuyến; tiếp nhận 2.450 hồ sơ, trong đó 1.900 hồ sơ trực tuyến.',  # money and dossiers
     []),
    ('T56', 'Các xã có số hồ sơ trễ hạn nhiều nhất là: xã Hòa Bình 35 hồ sơ, xã Hòa Thuận 28 hồ sơ, xã Hòa Lạc 12 hồ sơ. Toàn huyện có 90 hồ sơ trễ hạn.',  # the communes with most late dossiers need not cover the district
     []),
    ('T57', 'Năm 2024, tổng đài đã tiếp nhận 3.450 cuộc gọi, trong đó 3.100 cuộc gọi được giải đáp ngay; Trung tâm tiếp nhận 12.800 hồ sơ.',  # calls are not dossiers
     []),
    ('T58', 'Tỷ lệ hồ sơ giải quyết đúng hạn của tỉnh đạt 96,4%, xếp thứ 12/63 tỉnh, thành phố; tỉnh tiếp nhận 210.000 hồ sơ, đã giải quyết 205.000 hồ sơ.',  # a rate with a rank and counts that do not give it
     []),
    ('T59', 'Trong tháng, có 1.320 hồ sơ được giải quyết trước hạn, chiếm 60%; 860 hồ sơ đúng hạn, chiếm 39%; còn lại trễ hạn.',  # rates of counts whose total is not stated
     []),
    ('T60', 'Sở Kế hoạch và Đầu tư tiếp nhận 2.300 hồ sơ đăng ký doanh nghiệp, tăng 1,5 lần so với năm trước; 98% hồ sơ được nộp qua mạng.',  # growth in times
     []),
    ('T61', 'Các huyện Cần Giờ, Củ Chi, Hóc Môn có tỷ lệ hồ sơ trực tuyến tương ứng là 72%, 68% và 65%; toàn thành phố tiếp nhận 95.000 hồ sơ, trong đó 61.750 hồ sơ trực tuyến.',  # 'tương ứng': each district its own rate
     []),
    ('T62', 'Tháng 10/2024, Bộ phận một cửa phường Hiệp Phú tiếp nhận 980 hồ sơ, đã giải quyết 940 hồ sơ, trong đó trực tuyến 610 hồ sơ, trực tiếp 330 hồ sơ.',  # online and offline of the resolved ones
     [('sum', 'consistent', 940, 'trong_do')]),
    ('T63', 'Năm 2024, huyện tiếp nhận 5.000 hồ sơ. Xã Tân Hòa đã giải quyết 1.300 hồ sơ, đang giải quyết 20 hồ sơ.',  # the next sentence is about a commune
     []),
    ('T64', 'Năm 2023, thành phố tiếp nhận 21.000 hồ sơ. Năm 2024, thành phố đã giải quyết 22.600 hồ sơ, đang giải quyết 410 hồ sơ.',  # the next sentence is about another year
     []),
    ('T65', 'Trung tâm tiếp nhận 3.000 hồ sơ. Trong tháng 10, đã giải quyết 980 hồ sơ, đang giải quyết 45 hồ sơ.',  # the next sentence is about one month
     []),
    ('T66', 'Năm 2024, huyện tiếp nhận 6.000 hồ sơ, đã giải quyết 4.000 hồ sơ, trong đó trễ hạn 30 hồ sơ, chiếm 0,5% tổng số hồ sơ tiếp nhận.',  # a rate that names its base: over received, not over resolved
     [('percentage', 'consistent', 0.5, 'nearby')]),
    ('T67', 'Đã giải quyết 4.000 hồ sơ, đạt 98,5% hồ sơ đúng hạn.',  # a rate with no on-time count
     []),
    ('T68', 'Quý I, Trung tâm tiếp nhận 3.100 hồ sơ trực tuyến, đạt 62%; số hồ sơ đã giải quyết là 4.800 hồ sơ.',  # an online rate over an unstated received count
     []),
    ('T69', 'Trong tháng, phường tiếp nhận 1.500 hồ sơ, trong đó 1.200 hồ sơ trực tuyến, chiếm 80%; đã giải quyết 1.400 hồ sơ, đúng hạn 1.386 hồ sơ, đạt 99%.',  # two rates, each of its own counts
     [('percentage', 'consistent', 80, 'listed'), ('percentage', 'consistent', 99, 'listed')]),
    ('T70', 'Trong năm, có 240 hồ sơ trễ hạn, giảm 35% so với năm trước; tỷ lệ trễ hạn còn 0,8%.',  # a fall against last year
     []),
    ('T71', 'Sở Y tế có 15 hồ sơ trễ hạn trên tổng số 2.100 hồ sơ đã giải quyết, tỷ lệ trễ hạn 0,71%; Sở Tài chính có 9 hồ sơ trễ hạn, tỷ lệ 1,2%.',  # two departments' rates
     []),
    ('T72', 'Trong số 560 hồ sơ trực tuyến, có 420 hồ sơ toàn trình, chiếm 75%; tỷ lệ hồ sơ trực tuyến của huyện đạt 48%.',  # full-online among online; the district's own rate has no counts
     [('percentage', 'consistent', 75, 'listed')]),
    ('T73', 'Tỷ lệ người dân hài lòng đạt 98,2%, với 4.910 ý kiến hài lòng trên 5.000 phiếu khảo sát.',  # satisfaction
     []),
    ('T74', 'Trong 4.200 hồ sơ đã giải quyết, có 3.950 hồ sơ đúng hạn, đạt 94%; nếu tính cả 300 hồ sơ đang giải quyết thì tỷ lệ đúng hạn là 87,8%.',  # a rate over resolved + pending, as its clause says
     [('percentage', 'consistent', 94, 'listed')]),
    ('T75', 'Số hồ sơ trực tuyến toàn trình đạt 2.340 hồ sơ, chiếm 41,5% tổng số hồ sơ trực tuyến; tổng số hồ sơ tiếp nhận là 9.800 hồ sơ.',  # a rate over the online dossiers, which are not stated
     []),
    ('T76', 'Huyện Phú Tân: kết quả cải cách hành chính quý III\n\nNgày 05/10/2024\n\nTrong quý III/2024, Bộ phận Một cửa huyện tiếp nhận 3.420 hồ sơ. Cấp xã tiếp nhận 8.150 hồ sơ, đã giải quyết 8.010 hồ sơ.\n\nĐã giải quyết 3.300 hồ sơ, đang giải quyết 120 hồ sơ.',  # a district's count, then a commune tier's, then a paragraph on the district
     []),
    ('T77', 'Các đơn vị có nhiều hồ sơ nhất:\n- Sở Tư pháp: 2.100 hồ sơ\n- Sở Xây dựng: 1.450 hồ sơ\n- Sở Công Thương: 980 hồ sơ\nToàn tỉnh tiếp nhận 25.300 hồ sơ.',  # the departments with most dossiers need not cover the province
     []),
    ('T78', 'Kết quả như sau:\n- Tiếp nhận: 5.600 hồ sơ\n- Đã giải quyết: 5.400 hồ sơ\n- Trả lại, rút hồ sơ: 80 hồ sơ\n- Đang giải quyết: 120 hồ sơ',  # a line of returned dossiers is one more part
     [('sum', 'consistent', 5600, 'item_lines')]),
    ('T79', 'Năm 2024, toàn tỉnh có 2.010 thủ tục hành chính, trong đó cấp tỉnh 1.560 thủ tục, cấp huyện 290 thủ tục, cấp xã 160 thủ tục; tiếp nhận 310.000 hồ sơ.',  # procedures per tier (before 2025: three tiers)
     [('sum', 'consistent', 2010, 'trong_do')]),
    ('T80', 'UBND tỉnh đã ban hành 42 quyết định công bố 680 thủ tục hành chính, trong đó 120 thủ tục mới, 430 thủ tục sửa đổi, bổ sung và 130 thủ tục bãi bỏ.',  # procedures published, by kind
     [('sum', 'consistent', 680, 'trong_do')]),
    ('T81', 'Đến nay, 100% xã, phường đã triển khai dịch vụ công trực tuyến; 95% hồ sơ được số hóa; tỷ lệ hồ sơ trực tuyến đạt 70,5%, trong đó toàn trình đạt 35%.',  # shares with no counts
     []),
    ('T82', 'Trong tháng 11, Trung tâm tiếp nhận 2.805 hồ sơ, giảm 4,3% so với tháng trước; đã giải quyết 2.760 hồ sơ, trong đó đúng hạn 2.750 hồ sơ, đạt 99,64%.',  # a fall against last month beside a true rate
     [('percentage', 'consistent', 99.64, 'listed')]),
    ('T84', 'Năm 2024, toàn tỉnh có 560 hồ sơ trễ hạn, trong đó 320 hồ sơ thuộc lĩnh vực đất đai, 140 hồ sơ thuộc lĩnh vực xây dựng.',  # two fields need not cover the late dossiers
     []),
    ('T85', 'Quý I, huyện tiếp nhận 1.800 hồ sơ, giải quyết 1.750 hồ sơ; quý II tiếp nhận 2.100 hồ sơ, giải quyết 2.050 hồ sơ; 6 tháng tiếp nhận 3.900 hồ sơ.',  # two quarters and the half year, no marker
     []),
    ('T86', 'Đã giải quyết 5.000 hồ sơ, trong đó đúng hạn 4.960 hồ sơ, quá hạn 40 hồ sơ; đang giải quyết 1.310 hồ sơ (1.250 hồ sơ chưa đến hạn, 60 hồ sơ quá hạn).',  # late dossiers of the pending count, not of the resolved one
     [('sum', 'consistent', 1310, 'parenthesis'), ('sum', 'consistent', 5000, 'trong_do')]),
    ('T87', 'Tiếp nhận 6.310 hồ sơ; đã giải quyết 5.000 hồ sơ, đang giải quyết 1.310 hồ sơ, trong đó 1.250 hồ sơ chưa đến hạn và 60 hồ sơ quá hạn.',  # 'trong đó' after the pending count lists its parts
     [('sum', 'consistent', 1310, 'trong_do'), ('sum', 'consistent', 6310, 'clause_list')]),
    ('T88', 'Trong kỳ, Sở Nông nghiệp và Môi trường tiếp nhận 3.210 bộ hồ sơ, đã giải quyết 2.900 bộ, đang giải quyết 310 bộ.',  # 'bộ' counts dossiers
     [('sum', 'consistent', 3210, 'clause_list')]),
    ('T91', 'Năm 2024, Sở Tư pháp đã giải quyết 3.400 hồ sơ, trong đó 3.380 hồ sơ đúng hạn, đạt 99,4% (năm 2023 là 97,1%).',  # last year's rate in parentheses
     [('percentage', 'consistent', 99.4, 'listed')]),
    ('T92', 'Năm 2024, thành phố tiếp nhận 12.000 hồ sơ (năm 2023: 10.500 hồ sơ, năm 2022: 9.800 hồ sơ).',  # earlier years in parentheses are no parts
     []),
    ('T93', 'Tỷ lệ hồ sơ đúng hạn tăng 2,3 điểm phần trăm, lên 98,7%; huyện đã giải quyết 2.000 hồ sơ, trong đó 1.940 hồ sơ đúng hạn.',  # a change in points, then a rate with no counts of its clause
     []),
    ('T94', 'Trong 60 hồ sơ trễ hạn, 75% là do phải xác minh nguồn gốc đất; huyện đã giải quyết 3.000 hồ sơ.',  # a share by cause
     []),
    ('T95', 'Sở Xây dựng đạt tỷ lệ đúng hạn 98%, với 1.200 hồ sơ đã giải quyết; Sở Y tế giải quyết 900 hồ sơ, đúng hạn 890 hồ sơ.',  # two departments, one rate
     []),
    ('T96', 'Phường tiếp nhận 2.400 hồ sơ, tăng 300 hồ sơ so với cùng kỳ, đã giải quyết 2.350 hồ sơ, đang giải quyết 50 hồ sơ.',  # a change inside a clause list
     [('sum', 'consistent', 2400, 'clause_list')]),
    ('T97', 'Đã giải quyết 1.520 hồ sơ, đạt 97,4% số hồ sơ phải giải quyết; trong đó đúng hạn 1.500 hồ sơ.',  # a rate over the dossiers to handle
     []),
    ('T98', 'Cấp tỉnh tiếp nhận 3.000 hồ sơ, cấp xã tiếp nhận 9.000 hồ sơ, nâng tổng số hồ sơ toàn tỉnh lên 12.500 hồ sơ.',  # before 2025, two tiers of three
     []),
    ('T99', 'Đúng hạn 2.310 hồ sơ (95%), trễ hạn 15 hồ sơ (0,6%), đang giải quyết 107 hồ sơ (4,4%).',  # with a pending count too, the rates may be over all three
     [('percentage', 'consistent', 0.6, 'nearby')]),
    ('T100', 'Huyện tiếp nhận 8.200 hồ sơ, tăng 15%, tương đương 1.070 hồ sơ so với năm trước.',  # a count restating a change
     []),
    ('T101', 'Tỷ lệ hồ sơ trực tuyến đạt 64%, với 2.100 hồ sơ được giải quyết đúng hạn; Trung tâm tiếp nhận 3.300 hồ sơ.',  # 'với' a count of another metric
     []),
    ('T102', 'Xã Ea Tóh tiếp nhận 2.310 hồ sơ. Kết quả, 2.150 hồ sơ giải quyết đúng hạn, 40 hồ sơ trễ hạn.',  # on time + late short of received: the pending ones may be unstated
     []),
    ('T103', 'Tỉnh Bình Phước có 11 đơn vị hành chính cấp huyện (7 huyện, 1 thị xã).',  # units listed short of their count: one may be unlisted
     []),
    ('T104', 'Trong quý, lũy kế phải giải quyết 5.210 hồ sơ. Số hồ sơ giải quyết đúng hạn 4.704 hồ sơ (đạt 98%), trễ hạn 96 hồ sơ (chiếm 2%).',  # on time + late short of the whole: still the base of their rates
     [('percentage', 'consistent', 2, 'nearby'), ('percentage', 'consistent', 98, 'sibling_parts')]),
]

PLAIN = [
    ('R33', 'Trong kỳ báo cáo, huyện Đức Trọng tiếp nhận 3.960 hồ sơ; đã giải quyết 3.900 hồ sơ; đang giải quyết 180 hồ sơ.',  # more handled than received: exact counts must add up, unless the text names a carried-over count
     [('sum', 'inconsistent', 3960, 'clause_list')]),
    ('R01', 'Quý III/2024, Bộ phận một cửa huyện Long Điền tiếp nhận 6.215 hồ sơ; đã giải quyết 6.020 hồ sơ; đang giải quyết 195 hồ sơ.',
     [('sum', 'consistent', 6215, 'clause_list')]),
    ('R02', 'Quý III/2024, Bộ phận một cửa huyện Long Điền tiếp nhận 6.215 hồ sơ; đã giải quyết 6.020 hồ sơ; đang giải quyết 185 hồ sơ.',
     [('sum', 'inconsistent', 6215, 'clause_list')]),
    ('R03', 'Đã giải quyết 5.482 hồ sơ, trong đó đúng hạn 5.390 hồ sơ, trễ hạn 92 hồ sơ.',
     [('sum', 'consistent', 5482, 'trong_do')]),
    ('R04', 'Đã giải quyết 5.482 hồ sơ, trong đó đúng hạn 5.390 hồ sơ, trễ hạn 82 hồ sơ.',
     [('sum', 'inconsistent', 5482, 'trong_do')]),
    ('R05', 'Trung tâm tiếp nhận 11.360 hồ sơ, gồm 7.840 hồ sơ trực tuyến và 3.520 hồ sơ trực tiếp.',
     [('sum', 'consistent', 11360, 'trong_do')]),
    ('R06', 'Trung tâm tiếp nhận 11.360 hồ sơ, gồm 7.840 hồ sơ trực tuyến và 3.250 hồ sơ trực tiếp.',
     [('sum', 'inconsistent', 11360, 'trong_do')]),
    ('R07', 'Từ ngày 1/7/2025 đến ngày 30/9/2025, toàn tỉnh tiếp nhận 84.600 hồ sơ, trong đó cấp tỉnh 21.300 hồ sơ, cấp xã 63.300 hồ sơ.',
     [('sum', 'consistent', 84600, 'trong_do')]),
    ('R08', 'Từ ngày 1/7/2025 đến ngày 30/9/2025, toàn tỉnh tiếp nhận 84.600 hồ sơ, trong đó cấp tỉnh 21.300 hồ sơ, cấp xã 62.300 hồ sơ.',
     [('sum', 'inconsistent', 84600, 'trong_do')]),
    ('R09', 'UBND xã Phước Hưng đã giải quyết 2.800 hồ sơ, trong đó 2.772 hồ sơ đúng hạn, đạt tỷ lệ 99%.',
     [('percentage', 'consistent', 99, 'listed')]),
    ('R10', 'UBND xã Phước Hưng đã giải quyết 2.800 hồ sơ, trong đó 2.660 hồ sơ đúng hạn, đạt tỷ lệ 99%.',
     [('percentage', 'inconsistent', 99, 'listed')]),
    ('R11', 'Kết quả giải quyết hồ sơ trong tháng 8/2024 như sau:\n- Tổng số hồ sơ tiếp nhận: 1.930 hồ sơ\n- Đã giải quyết: 1.850 hồ sơ\n- Đang giải quyết: 80 hồ sơ',
     [('sum', 'consistent', 1930, 'item_lines')]),
    ('R12', 'Số liệu quý II/2024 của Trung tâm:\nTiếp nhận | 4.410 hồ sơ\nĐã giải quyết | 4.300 hồ sơ\nĐang giải quyết | 110 hồ sơ',
     [('sum', 'consistent', 4410, 'item_lines')]),
    ('R13', 'Sở Công Thương đã giải quyết 968 hồ sơ (950 hồ sơ đúng hạn, 18 hồ sơ trễ hạn).',
     [('sum', 'consistent', 968, 'parenthesis')]),
    ('R14', 'Trong số 3.205 hồ sơ đã giải quyết, có 3.150 hồ sơ đúng hạn và 55 hồ sơ quá hạn.',
     [('sum', 'consistent', 3205, 'trong_so')]),
    ('R15', 'Phòng Tài nguyên và Môi trường đã giải quyết 12.500 hồ sơ, có 125 hồ sơ trễ hạn, chiếm 1%.',
     [('percentage', 'consistent', 1, 'adjacent')]),
    ('R16', 'Huyện giải quyết đúng hạn 4.561/4.600 hồ sơ, đạt 99,15%.',
     [('percentage', 'consistent', 99.15, 'own_whole')]),
    ('R17', 'Năm 2024, huyện Tân Thành tiếp nhận 2.000 hồ sơ, trong đó 1.700 hồ sơ giải quyết đúng hạn, 50 hồ sơ trễ hạn, 250 hồ sơ đang giải quyết.',
     [('sum', 'consistent', 2000, 'trong_do')]),
    ('R18', 'Năm 2024, Trung tâm tiếp nhận 8.000 hồ sơ, trong đó 6.000 hồ sơ trực tuyến, đạt tỷ lệ 75%.',
     [('percentage', 'consistent', 75, 'listed')]),
    ('R19', 'Năm 2024, UBND thành phố Bà Rịa tiếp nhận 25.318 hồ sơ. Trong đó, 18.044 hồ sơ nộp trực tuyến, 7.274 hồ sơ nộp trực tiếp.',
     [('sum', 'consistent', 25318, 'trong_do')]),
    ('R20', 'Tổng số hồ sơ phải giải quyết là 3.560 hồ sơ (160 hồ sơ kỳ trước chuyển sang, 3.400 hồ sơ tiếp nhận mới).',
     [('sum', 'consistent', 3560, 'parenthesis')]),
    ('R21', 'Đã giải quyết đúng hạn 2.310 hồ sơ (99,4%), trễ hạn 15 hồ sơ (0,6%).',
     [('percentage', 'consistent', 0.6, 'sibling_parts'), ('percentage', 'consistent', 99.4, 'sibling_parts')]),
    ('R22', 'Số hồ sơ đã giải quyết là 940 hồ sơ. Số hồ sơ đúng hạn là 925 hồ sơ, số hồ sơ trễ hạn là 15 hồ sơ.',
     [('sum', 'consistent', 940, 'next_sentence')]),
    ('R23', 'Tháng 5/2024, xã Phú Hội tiếp nhận 612 hồ sơ, đã trả kết quả 590 hồ sơ, đang giải quyết 22 hồ sơ. Tỷ lệ đúng hạn đạt 100%.',
     [('sum', 'consistent', 612, 'clause_list')]),
    ('R24', 'Sở Nội vụ đã giải quyết 1.432 hồ sơ; trong đó trước hạn 1.210 hồ sơ, đúng hạn 200 hồ sơ, trễ hạn 22 hồ sơ, tỷ lệ trễ hạn 1,54%.',
     [('percentage', 'consistent', 1.54, 'listed'), ('sum', 'consistent', 1432, 'trong_do')]),
    ('R25', 'Toàn tỉnh có 2.034 dịch vụ công trực tuyến, trong đó 1.120 dịch vụ công trực tuyến toàn trình và 914 dịch vụ công trực tuyến một phần.',
     [('sum', 'consistent', 2034, 'trong_do')]),
    ('R26', 'Kết quả giải quyết hồ sơ trong tháng 8/2024 như sau:\n- Tổng số hồ sơ tiếp nhận: 1.930 hồ sơ\n- Đã giải quyết: 1.850 hồ sơ\n- Đang giải quyết: 70 hồ sơ',
     [('sum', 'inconsistent', 1930, 'item_lines')]),
    ('R27', 'Số liệu quý II/2024 của Trung tâm:\nTiếp nhận | 4.410 hồ sơ\nĐã giải quyết | 4.300 hồ sơ\nĐang giải quyết | 160 hồ sơ',
     [('sum', 'inconsistent', 4410, 'item_lines')]),
    ('R28', 'Đã giải quyết đúng hạn 2.310 hồ sơ (95%), trễ hạn 15 hồ sơ (5%).',  # wrong rates of on-time and late counts with no total
     [('percentage', 'inconsistent', 5, 'sibling_parts'), ('percentage', 'inconsistent', 95, 'sibling_parts')]),
    ('R29', 'Trong quý, xã Hòa Lợi có 1.204 hồ sơ giải quyết đúng hạn, chiếm 99,5%; 6 hồ sơ trễ hạn, chiếm 0,5%.',
     [('percentage', 'consistent', 0.5, 'sibling_parts'), ('percentage', 'consistent', 99.5, 'sibling_parts')]),
    ('R30', 'Tháng 4/2024, Trung tâm tiếp nhận mới 2.940 hồ sơ, tồn kỳ trước chuyển sang 310 hồ sơ, lũy kế phải giải quyết 3.250 hồ sơ.',
     [('sum', 'consistent', 3250, 'clause_list')]),
    ('R31', 'Tháng 4/2024, Trung tâm tiếp nhận mới 2.940 hồ sơ, tồn kỳ trước chuyển sang 310 hồ sơ, lũy kế phải giải quyết 3.260 hồ sơ.',
     [('sum', 'inconsistent', 3260, 'clause_list')]),
    ('R32', 'Năm 2024, thành phố tiếp nhận gần 98.000 hồ sơ, trong đó hơn 61.000 hồ sơ trực tuyến và hơn 40.000 hồ sơ trực tiếp.',
     [('sum', 'inconsistent', 98000, 'trong_do')]),
    ('R34', 'Năm 2024, huyện tiếp nhận 2.000 hồ sơ, trong đó 1.850 hồ sơ đã giải quyết, 90 hồ sơ yêu cầu bổ sung, 60 hồ sơ đang giải quyết.',  # a part of no split joins the sum
     [('sum', 'consistent', 2000, 'trong_do')]),
    ('R35', 'Tháng 10/2024, Bộ phận một cửa phường Hiệp Phú tiếp nhận 980 hồ sơ, đã giải quyết 940 hồ sơ (trực tuyến 610 hồ sơ, trực tiếp 330 hồ sơ), đang giải quyết 40 hồ sơ.',  # a parenthesis inside a clause list
     [('sum', 'consistent', 940, 'parenthesis'), ('sum', 'consistent', 980, 'clause_list')]),
    ('R36', 'Kết quả giải quyết TTHC quý III/2024:\n+ Tiếp nhận: 3.812 hồ sơ (trực tuyến 2.950 hồ sơ, trực tiếp 862 hồ sơ);\n+ Đã giải quyết: 3.700 hồ sơ;\n+ Đang giải quyết: 112 hồ sơ.',  # bullet lines with a parenthesis
     [('sum', 'consistent', 3812, 'nearby'), ('sum', 'consistent', 3812, 'parenthesis')]),
    ('R37', 'Trong 9 tháng năm 2024, toàn tỉnh tiếp nhận 186.400 hồ sơ; đã giải quyết 179.900 hồ sơ, trong đó đúng hạn 178.100 hồ sơ, đạt 99%, trễ hạn 1.800 hồ sơ; đang giải quyết 6.500 hồ sơ.',  # a whole report in one sentence
     [('percentage', 'consistent', 99, 'listed'), ('sum', 'consistent', 179900, 'trong_do'), ('sum', 'consistent', 186400, 'clause_list')]),
    ('R38', 'UBND huyện Châu Thành đã tiếp nhận 9.621 hồ sơ, trong đó trực tuyến 7.102 hồ sơ, đạt tỷ lệ 73,82%.',  # the online share of received
     [('percentage', 'consistent', 73.82, 'listed')]),
    ('R39', 'UBND huyện Châu Thành đã tiếp nhận 9.621 hồ sơ, trong đó trực tuyến 7.102 hồ sơ, đạt tỷ lệ 78,2%.',  # a wrong online share
     [('percentage', 'inconsistent', 78.2, 'listed')]),
    ('R40', 'Cấp xã tiếp nhận 14.210 hồ sơ. Trong số đó, đã giải quyết 13.990 hồ sơ, còn lại 220 hồ sơ đang giải quyết.',  # 'Trong số đó' in the next sentence
     [('sum', 'consistent', 14210, 'continued')]),
    ('R41', 'Sở Tư pháp giải quyết 1.118 hồ sơ. Số hồ sơ đúng hạn là 1.100 hồ sơ. Số còn lại 18 hồ sơ trễ hạn.',  # sentences going on about the department
     [('sum', 'consistent', 1118, 'nearby')]),
    ('R42', 'Trong quý III/2024, Trung tâm Phục vụ hành chính công tỉnh tiếp nhận 6.215 hồ sơ. Đã giải quyết 6.020 hồ sơ, đang giải quyết 185 hồ sơ.',  # the parts in the next sentence, which opens on them
     [('sum', 'inconsistent', 6215, 'next_sentence')]),
    ('R43', 'Trong quý III/2024, Trung tâm Phục vụ hành chính công tỉnh tiếp nhận 6.215 hồ sơ. Đã giải quyết 6.020 hồ sơ, đang giải quyết 195 hồ sơ.',
     [('sum', 'consistent', 6215, 'next_sentence')]),
    ('R44', 'Số hồ sơ đã giải quyết là 940 hồ sơ. Số hồ sơ đúng hạn là 925 hồ sơ, số hồ sơ trễ hạn là 14 hồ sơ.',  # off by one
     [('sum', 'inconsistent', 940, 'next_sentence')]),
    ('R45', 'Đã giải quyết 4.000 hồ sơ, trong đó 3.960 hồ sơ đúng hạn (đạt 99%), 40 hồ sơ trễ hạn (chiếm 1%).',  # rates in parentheses under a total
     [('percentage', 'consistent', 1, 'listed'), ('percentage', 'consistent', 99, 'listed'), ('sum', 'consistent', 4000, 'trong_do')]),
    ('R46', 'Đã giải quyết 4.000 hồ sơ, trong đó 3.960 hồ sơ đúng hạn (đạt 96%), 40 hồ sơ trễ hạn (chiếm 1%).',  # a wrong one
     [('percentage', 'consistent', 1, 'listed'), ('percentage', 'inconsistent', 96, 'listed'), ('sum', 'consistent', 4000, 'trong_do')]),
    ('R47', 'Hồ sơ giải quyết trễ hạn là 56/3.200 hồ sơ, chiếm 1,75%.',  # a count's own whole
     [('percentage', 'consistent', 1.75, 'own_whole')]),
    ('R49', 'Tính chung 6 tháng đầu năm 2024, toàn huyện tiếp nhận 3.900 hồ sơ, gồm quý I 1.800 hồ sơ và quý II 2.100 hồ sơ.',  # a half year = its quarters
     [('sum', 'consistent', 3900, 'trong_do')]),
    ('R50', 'Trung tâm tiếp nhận 4.500 hồ sơ, trong đó 3.420 hồ sơ trực tuyến, chiếm 76%, và 1.080 hồ sơ trực tiếp.',  # a rate inside a list of parts
     [('percentage', 'consistent', 76, 'listed'), ('sum', 'consistent', 4500, 'trong_do')]),
    ('R52', 'Trong số 3.205 hồ sơ đã giải quyết, có 3.150 hồ sơ đúng hạn và 65 hồ sơ quá hạn.',  # 'Trong số' off by ten
     [('sum', 'inconsistent', 3205, 'trong_so')]),
    ('R53', 'Sở Công Thương đã giải quyết 968 hồ sơ (950 hồ sơ đúng hạn, 28 hồ sơ trễ hạn).',  # parentheses off by ten
     [('sum', 'inconsistent', 968, 'parenthesis')]),
    ('R54', 'Phòng Tài nguyên và Môi trường đã giải quyết 12.500 hồ sơ, có 125 hồ sơ trễ hạn, chiếm 1,5%.',  # a wrong rate right after its count
     [('percentage', 'inconsistent', 1.5, 'adjacent')]),
    ('R55', 'Huyện giải quyết đúng hạn 4.561/4.600 hồ sơ, đạt 97,15%.',  # a wrong rate of a count's own whole
     [('percentage', 'inconsistent', 97.15, 'own_whole')]),
    ('R56', 'Năm 2024, toàn tỉnh tiếp nhận 52.000 hồ sơ. Riêng cấp tỉnh tiếp nhận 14.000 hồ sơ, cấp huyện 21.000 hồ sơ, cấp xã 16.000 hồ sơ.',  # 'Riêng' per tier, off by a thousand
     [('sum', 'inconsistent', 52000, 'tiers_named')]),
    ('R57', 'Trung tâm tiếp nhận 4.500 hồ sơ, trong đó hồ sơ trực tuyến chiếm 76%, tương đương 3.420 hồ sơ.',  # a count restating the rate after it
     [('percentage', 'consistent', 76, 'listed')]),
    ('R58', 'Trung tâm tiếp nhận 4.500 hồ sơ, trong đó hồ sơ trực tuyến chiếm 86%, tương đương 3.420 hồ sơ.',  # a wrong one
     [('percentage', 'inconsistent', 86, 'listed')]),
    ('R59', 'Huyện đã giải quyết 8.200 hồ sơ; tỷ lệ trễ hạn là 1,5%, tương ứng 123 hồ sơ.',  # 'tương ứng' after a late rate
     [('percentage', 'consistent', 1.5, 'nearby')]),
    ('R60', 'Quý III, Bộ phận một cửa huyện Krông Năng nhận 6.430 hồ sơ. Kết quả, 6.275 hồ sơ trả trước hạn, 97 hồ sơ trả đúng hạn và 58 hồ sơ trả trễ hạn.',  # all received resolved: on time + late make it
     [('sum', 'consistent', 6430, 'next_sentence')]),
    ('R61', 'Sau sắp xếp, tỉnh Lạng Sơn còn 47 đơn vị hành chính cấp xã (39 xã, 8 phường).',  # communes and wards make the units of the tier
     [('sum', 'consistent', 47, 'parenthesis')]),
    ('R62', 'Huyện Mường Tè có 18 đơn vị hành chính, gồm 16 xã và 2 thị trấn.',  # a count of units listed by their kind
     [('sum', 'consistent', 18, 'trong_do')]),
    ('R63', 'Thị xã có 12 đơn vị hành chính cấp xã (8 phường, 4 xã); toàn tỉnh có 95 xã, phường.',  # another whole after them is no part
     [('sum', 'consistent', 12, 'parenthesis')]),
]


def _findings(text):
    return sorted((f["check"], f["status"], f["reported"], f["structure"]) for f in probe("audit", text, ANCHOR))


@pytest.mark.parametrize("key,text,expected", TRAPS, ids=[c[0] for c in TRAPS])
def test_traps_give_no_false_finding(key, text, expected):
    assert _findings(text) == sorted(expected)


@pytest.mark.parametrize("key,text,expected", PLAIN, ids=[c[0] for c in PLAIN])
def test_plain_relations_are_found(key, text, expected):
    assert _findings(text) == sorted(expected)


def test_enough_cases_and_both_verdicts():
    assert len(TRAPS) >= 30 and len(PLAIN) >= 20
    statuses = {e[1] for _, _, exp in PLAIN for e in exp}
    assert statuses == {"consistent", "inconsistent"}
    assert not any(e[1] == "inconsistent" for _, _, exp in TRAPS for e in exp)
