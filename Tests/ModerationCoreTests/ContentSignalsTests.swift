import Testing

@testable import ModerationCore

@Suite struct ContentSignalsTests {
    private let policy = ContentSignalPolicy()

    private func codes(_ text: String, field: CommentField = .body) -> [String] {
        ContentSignals.reasons(for: text, field: field, policy: policy).map(\.code)
    }

    private func reasons(_ text: String, _ code: String, field: CommentField = .body) -> [Reason] {
        ContentSignals.reasons(for: text, field: field, policy: policy).filter { $0.code == code }
    }

    // MARK: - Capitals

    @Test func shoutingIsAnnotated() {
        let found = reasons("THIS IS THE BEST VIDEO EVER MADE, SUBSCRIBE NOW", "mostly_capitals")
        #expect(found.count == 1)
        #expect(found.first?.match == "100%")
        #expect(found.first?.action == .approve)
        #expect(found.first?.field == .body)
        #expect(reasons("THIS IS THE BEST VIDEO EVER MADE, subscribe", "mostly_capitals").first?.match == "74%")
    }

    @Test func capitalsBelowTheRatioOrTooShortAreFine() {
        for text in [
            "OK!", "NASA and ESA agree", "COVID-19 cases rose again in the city this winter",
            "This Is Written In Title Case For Every Single Word", "THIS IS MOSTLY shouting but then a calm ending",
        ] {
            #expect(reasons(text, "mostly_capitals").isEmpty, "\(text)")
        }
    }

    @Test func scriptsWithoutCaseDoNotCount() {
        // Twenty Arabic or Han letters beside two capitals are not shouting.
        #expect(reasons("OK هذا مقال رائع جدا وأنا أحببته كثيرا", "mostly_capitals").isEmpty)
        #expect(reasons("OK 这是一篇非常好的文章我很喜欢它谢谢你", "mostly_capitals").isEmpty)
        // Cyrillic and Greek have case.
        #expect(reasons("ЭТО ЛУЧШЕЕ ВИДЕО НА ВСЁМ ЮТУБЕ", "mostly_capitals").count == 1)
    }

    @Test func capitalsPolicyIsHonoured() {
        let strict = ContentSignalPolicy(capitalsRatio: 0.5, minLettersForCapitals: 2)
        #expect(ContentSignals.reasons(for: "OK!", field: .body, policy: strict).map(\.code) == ["mostly_capitals"])
        let off = ContentSignalPolicy(capitalsRatio: 0)
        #expect(ContentSignals.reasons(for: "THIS IS THE BEST VIDEO EVER MADE", field: .body, policy: off).isEmpty)
    }

    // MARK: - Repeated characters

    @Test func longRunsOfOneCharacter() {
        #expect(reasons("Noooooooooooo way", "repeated_characters").map(\.match) == ["o"])
        #expect(reasons("wow!!!!!!!!!!", "repeated_characters").map(\.match) == ["!"])
        #expect(reasons("wow!!!!!!!!!", "repeated_characters").isEmpty)  // nine
        #expect(reasons("aaaaaaaaaa bbbbbbbbbbbb aaaaaaaaaaaa", "repeated_characters").map(\.match) == ["a", "b"])
        #expect(reasons("x!!!!!!!!!!", "repeated_characters").first?.action == .approve)
        // Runs apart are not added up; the longest is told.
        for text in ["aaaaaaaaaa x aaaaaaaaaaaa", "aaaaaaaaaa é aaaaaaaaaaaa"] {
            let found = reasons(text, "repeated_characters")
            #expect(found.map(\.message) == ["The comment repeats \"a\" 12 times in a row."], "\(text)")
        }
    }

    @Test func graphemesNotScalarsAreCounted() {
        #expect(reasons(String(repeating: "😂", count: 10), "repeated_characters").map(\.match) == ["😂"])
        #expect(reasons(String(repeating: "👍🏽", count: 10), "repeated_characters").map(\.match) == ["👍🏽"])
        #expect(reasons(String(repeating: "e\u{301}", count: 12), "repeated_characters").map(\.match) == ["é"])
        // Alternating emoji are not a run.
        #expect(reasons(String(repeating: "😂👍", count: 10), "repeated_characters").isEmpty)
    }

    @Test func whitespaceRunsAreNotReported() {
        #expect(reasons("a" + String(repeating: " ", count: 30) + "b\n\n\n\n\n\n\n\n\n\n\nc", "repeated_characters").isEmpty)
    }

    @Test func repeatedRunPolicy() {
        let short = ContentSignalPolicy(repeatedCharacterRun: 3)
        #expect(ContentSignals.reasons(for: "hmmm", field: .body, policy: short).map(\.match) == ["m"])
        let off = ContentSignalPolicy(repeatedCharacterRun: 1)
        #expect(ContentSignals.reasons(for: "aaaaaaaaaaaaaaaaaaaa", field: .body, policy: off).isEmpty)
    }

    // MARK: - HTML and script

    @Test func plainMarkupIsAnnotated() {
        let found = reasons("this is <b>bold</b> and <i>it</i>", "html_markup")
        #expect(found.map(\.match) == ["<b>"])
        #expect(found.first?.action == .approve)
        #expect(reasons("<!-- hidden -->", "html_markup").map(\.match) == ["<!--"])
        #expect(reasons("line<br/>break", "html_markup").map(\.match) == ["<br/>"])
        #expect(codes("<b>bold</b>") == ["html_markup"])
    }

    @Test func lessThanSignsAreNotMarkup() {
        for text in ["I <3 you", "x < y > z", "2<3 and 5>4", "a <- b", "<<< ok >>>", "email <me at x dot org"] {
            #expect(reasons(text, "html_markup").isEmpty, "\(text)")
        }
    }

    @Test func scriptContentIsSpam() {
        let attacks: [(String, String)] = [
            ("<script>alert(1)</script>", "<script"),
            ("<SCRIPT SRC=//x.example/x.js></SCRIPT>", "<script"),
            ("<scr&#x9;ipt>alert(1)</script>", "<script"),
            ("<iframe src=//evil.example>", "<iframe"),
            ("<a href=\"javascript:alert(1)\">x</a>", "javascript:"),
            ("JaVaScRiPt:alert(1)", "javascript:"),
            ("&#106;avascript:alert(1)", "javascript:"),
            ("&#x6A;&#x61;vascript&#58;alert(1)", "javascript:"),
            ("&#0000106&#0000097vascript&colon;alert(1)", "javascript:"),
            ("java\tscript:alert(1)", "javascript:"),
            ("java\u{0}script:alert(1)", "javascript:"),
            ("java\u{200B}script:alert(1)", "javascript:"),
            ("java script:alert(1)", "javascript:"),
            ("jav&Tab;ascript:alert(1)", "javascript:"),
            ("%6A%61vascript%3Aalert(1)", "javascript:"),
            ("&amp;#106;avascript:alert(1)", "javascript:"),
            ("%253Cscript%253E", "<script"),
            ("href= ' javascript: alert(1)'", "javascript:"),
            ("vbscript:msgbox(1)", "vbscript:"),
            ("data:text/html;base64,PHNjcmlwdD4=", "data:text/html"),
            ("DATA:image/svg+xml,<svg onload=alert(1)>", "data:image/svg+xml"),
            ("<img src=x onerror=alert(1)>", "onerror="),
            ("<svg/onload=alert(1)>", "onload="),
            ("<img src=x OnError = alert(1)>", "onerror="),
            ("\" onmouseover=\"alert(1)", "onmouseover="),
            ("' autofocus onfocus='alert(1)", "onfocus="),
            ("\"autofocus/onfocus=alert(1)//", "onfocus="),
            ("<div style=\"width: expression(alert(1))\">", "expression("),
        ]
        for (attack, match) in attacks {
            let found = reasons(attack, "script_content")
            #expect(found.map(\.match).contains(match), "\(attack.debugDescription) → \(found.map(\.match))")
            #expect(found.allSatisfy { $0.action == .spam && $0.field == .body })
        }
    }

    @Test func proseAboutScriptsIsNotScriptContent() {
        let prose = [
            "I wrote it in JavaScript: it was easy.", "Java script: the language everyone loves to hate",
            "javascripts are fun", "The data: text and html both matter", "metadata: none", "the onboarding=true flag", "set onboarding = later today",
            "Use the onload event, it fires late", "mocha: a test runner", "<b>bold</b> and <i>italics</i>",
            "Visit https://example.org/script.js", "I described my data:text as plain", "ondemand = yes",
            "subscription: script writers wanted",
        ]
        for text in prose {
            #expect(reasons(text, "script_content").isEmpty, "\(text)")
        }
    }

    // MARK: - Mixed scripts

    @Test func spoofedWordsAreHeld() {
        let found = reasons("Log in to your pаypal account", "mixed_script")
        #expect(found.map(\.match) == ["pаypal"])
        #expect(found.first?.action == .hold)
        #expect(found.first?.field == .body)
        #expect(reasons("Buy viаgrа and vіagra now", "mixed_script").map(\.match) == ["viаgrа", "vіagra"])
        #expect(reasons("Москвa", "mixed_script").map(\.match) == ["Москвa"])
        #expect(reasons("Οh my god", "mixed_script").map(\.match) == ["Οh"])
    }

    @Test func oneReasonPerDistinctWord() {
        #expect(reasons("pаypal pаypal pаypal", "mixed_script").count == 1)
        let many = (0..<30).map { "wоrd\($0)" }.joined(separator: " ")
        #expect(reasons(many, "mixed_script").count == ContentSignals.maximumReasonsPerSignal)
    }

    @Test func textInItsOwnScriptIsFine() {
        let texts = [
            "یہ ایک بہت اچھا مضمون ہے، شکریہ!",  // Urdu
            "यह एक बहुत अच्छा लेख है। धन्यवाद!",  // Hindi
            "هذا مقال رائع جدا، شكرا لك",  // Arabic
            "می‌خواهم این مقاله را بخوانم",  // Persian, with ZWNJ
            "日本語のテキストとカタカナ、ひらがな",  // Japanese
            "iPhoneを買った。Appleのストアで",  // Japanese with Latin
            "这是一个很好的文章，我用微信app分享了",  // Chinese with Latin
            "카카오talk 한국어 텍스트",  // Korean with Latin
            "I love this مقال رائع very much",  // Latin and Arabic side by side
            "Namaste नमस्ते and shukriya شکریہ",
            "COVID-19 and H1N1, 3.14, #1!", "café naïve Ærøskøbing Straße",
            "Ελληνικά κείμενα", "Привет, мир", "ヽ༼ຈل͜ຈ༽ﾉ",
        ]
        for text in texts {
            #expect(reasons(text, "mixed_script").isEmpty, "\(text)")
        }
    }

    @Test func otherFieldsOnlyGetMixedScript() {
        #expect(codes("ALLLLLLLLLLLLLLL CAPS NAME <b>!!!!!!!!!!!!", field: .authorName).isEmpty)
        let found = reasons("Аpple Support", "mixed_script", field: .authorName)
        #expect(found.map(\.match) == ["Аpple"])
        #expect(found.map(\.field) == [.authorName])
        #expect(reasons("Paul Smith", "mixed_script", field: .authorName).isEmpty)
    }

    // MARK: - Corpora

    @Test func xssPayloadsAreMostlyCaught() throws {
        let payloads = try HTMLTestCorpora.xssPayloads()
        let caught = payloads.filter { payload in
            ContentSignals.reasons(for: payload, field: .body, policy: policy).contains {
                $0.code == "script_content" || $0.code == "html_markup"
            }
        }
        // The rest are fragments such as "&lt;", "\x3c" or bare JavaScript meant for a script context.
        #expect(Double(caught.count) / Double(payloads.count) > 0.75)
    }

    @Test func realCommentsAreNotScriptContent() throws {
        var ham = 0
        for file in ["Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv"] {
            let rows = try ContentTestCSV.rows(of: HTMLTestCorpora.testdata("youtube-spam/" + file))
            for row in rows.dropFirst() where row.count == 5 && row[4] == "0" {
                ham += 1
                #expect(reasons(row[3], "script_content").isEmpty, "\(row[3])")
            }
        }
        #expect(ham > 500)
    }

    @Test func corporaNeverCrashTheSignals() throws {
        let inputs = try HTMLTestCorpora.naughtyStrings() + HTMLTestCorpora.xssPayloads()
            + HTMLTestCorpora.hostileStrings(count: 2000, seed: 11)
        var fired = 0
        for input in inputs {
            for field in [CommentField.body, .authorName] {
                let found = ContentSignals.reasons(for: input, field: field, policy: policy)
                #expect(found.allSatisfy { !$0.message.isEmpty && $0.match?.isEmpty == false })
                fired += found.count
            }
        }
        #expect(fired > 500)
    }
}
